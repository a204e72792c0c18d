package dev.stepcast.engine;


/**
 * The standard normal noise of one generation, from a seed and a {@link NoiseSource}. The initial latents take the
 * first draw; ancestral and LCM schedulers draw their per-step noise after it, one draw per step, in the order the
 * reference tools draw them (A1111's {@code ImageRNG.next()}, diffusers' {@code scheduler.step(generator=…)}).
 * {@code new GaussianNoise(seed)} is Stepcast's original generator ({@link NoiseSource#STEPCAST}).
 *
 * <p><b>Threads:</b> not thread-safe; one generation uses one instance on its own thread.
 */
public final class GaussianNoise {

    private final NormalStream stream;
    private final NoiseSource source;

    /** Stepcast's original generator ({@code java.util.Random}) for {@code seed}. */
    public GaussianNoise(long seed) {
        this(NoiseSource.STEPCAST, seed);
    }

    public GaussianNoise(NoiseSource source, long seed) {
        this.source = source == null ? NoiseSource.DEFAULT : source;
        this.stream = this.source.stream(seed);
    }

    /** The next draw: {@code count} standard normal values (one {@code randn} call of the reference tool). */
    public float[] next(int count) {
        return stream.next(count);
    }

    public NoiseSource source() {
        return source;
    }
}
