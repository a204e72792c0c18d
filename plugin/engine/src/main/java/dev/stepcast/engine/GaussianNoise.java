package dev.stepcast.engine;


/**
 * The standard normal noise of one generation, from a seed and a {@link NoiseSource}. The pipeline's draws (initial
 * latents, img2img / inpainting noise) come from {@link #next}; ancestral and LCM schedulers draw their per-step noise
 * from {@link #stepNoise}, one draw per step, in the order the reference tools draw them (A1111's
 * {@code ImageRNG.next()}, diffusers' {@code scheduler.step}). For most sources both are one stream, the step draws
 * following the pipeline's; for {@link NoiseSource#NUMPY} (diffusers' ONNX pipelines) the step noise is a separate
 * {@link NoiseSource#stepNoiseSource() torch CPU stream} of the same seed, as there.
 * {@code new GaussianNoise(seed)} is Stepcast's original generator ({@link NoiseSource#STEPCAST}).
 *
 * <p><b>Threads:</b> not thread-safe; one generation uses one instance on its own thread.
 */
public final class GaussianNoise {

    private final NormalStream stream;
    private final NormalStream stepStream;
    private final NoiseSource source;

    /** Stepcast's original generator ({@code java.util.Random}) for {@code seed}. */
    public GaussianNoise(long seed) {
        this(NoiseSource.STEPCAST, seed);
    }

    public GaussianNoise(NoiseSource source, long seed) {
        this.source = source == null ? NoiseSource.DEFAULT : source;
        this.stream = this.source.stream(seed);
        NoiseSource steps = this.source.stepNoiseSource();
        this.stepStream = steps == this.source ? stream : steps.stream(seed);
    }

    /** The pipeline's next draw: {@code count} standard normal values (one {@code randn} of the reference tool). */
    public float[] next(int count) {
        return stream.next(count);
    }

    /**
     * A scheduler's per-step noise (Euler a, LCM): the next draw of {@link NoiseSource#stepNoiseSource()}'s stream,
     * which is {@link #next}'s own stream unless the source says otherwise.
     */
    public float[] stepNoise(int count) {
        return stepStream.next(count);
    }

    public NoiseSource source() {
        return source;
    }
}
