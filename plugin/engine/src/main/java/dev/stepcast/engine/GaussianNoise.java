package dev.stepcast.engine;

import java.util.Random;

/**
 * The engine's documented noise generator: {@link Random#nextGaussian()} of a {@code java.util.Random} seeded with the
 * user's seed, drawn in row-major (NCHW) order and narrowed to float. {@code Random} and its Gaussian (Marsaglia's
 * polar method) are fixed by the Java specification, so a seed gives the same latents on every JVM and machine.
 * The initial latents take the first draws; ancestral and LCM schedulers draw their per-step noise after them.
 *
 * <p><b>Threads:</b> not thread-safe; one generation uses one instance on its own thread.
 */
public final class GaussianNoise {

    private final Random random;

    public GaussianNoise(long seed) {
        this.random = new Random(seed);
    }

    /** The next {@code count} standard normal draws. */
    public float[] next(int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }
}
