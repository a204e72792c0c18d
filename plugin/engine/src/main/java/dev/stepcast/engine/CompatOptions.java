package dev.stepcast.engine;


/**
 * How a request speaks other tools' language: whose seeds ({@link NoiseSource}), what to do with long prompts
 * ({@link LongPrompt}), and whether A1111's prompt syntax ({@code (word:1.3)}, {@code [word]}, {@code BREAK}) is
 * read as emphasis or left as literal text.
 *
 * <p>{@link #DEFAULTS} is A1111's behaviour: NV seeds, chunked prompts, emphasis on. diffusers' ONNX pipeline is
 * {@link #DIFFUSERS}: numpy seeds, truncated prompts, no emphasis.
 *
 * <p>Immutable; any thread.
 *
 * @param rng        the noise source
 * @param longPrompt chunk (A1111) or truncate (diffusers)
 * @param emphasis   whether A1111's attention syntax weights tokens; when off the prompt is tokenized literally
 */
public record CompatOptions(NoiseSource rng, LongPrompt longPrompt, boolean emphasis) {

    public static final CompatOptions DEFAULTS = new CompatOptions(NoiseSource.DEFAULT, LongPrompt.CHUNK, true);
    public static final CompatOptions DIFFUSERS = new CompatOptions(NoiseSource.NUMPY, LongPrompt.TRUNCATE, false);

    public CompatOptions {
        rng = rng == null ? NoiseSource.DEFAULT : rng;
        longPrompt = longPrompt == null ? LongPrompt.CHUNK : longPrompt;
    }

    public CompatOptions withRng(NoiseSource source) {
        return new CompatOptions(source, longPrompt, emphasis);
    }

    public CompatOptions withLongPrompt(LongPrompt mode) {
        return new CompatOptions(rng, mode, emphasis);
    }

    public CompatOptions withEmphasis(boolean on) {
        return new CompatOptions(rng, longPrompt, on);
    }
}
