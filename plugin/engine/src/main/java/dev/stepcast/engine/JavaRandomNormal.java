package dev.stepcast.engine;

import java.util.Random;

/**
 * Stepcast's original generator: {@link Random#nextGaussian()} of a {@code java.util.Random} seeded with the seed,
 * narrowed to float. {@code Random} and its Gaussian (Marsaglia's polar method) are fixed by the Java specification.
 *
 * <p><b>Threads:</b> not thread-safe.
 */
final class JavaRandomNormal implements NormalStream {

    private final Random random;

    JavaRandomNormal(long seed) {
        this.random = new Random(seed);
    }

    @Override
    public float[] next(int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }
}
