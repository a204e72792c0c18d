package dev.stepcast.engine;

/**
 * The 32-bit Mersenne Twister (Matsumoto and Nishimura, 1998) with its standard {@code init_genrand} seeding of the
 * low 32 bits of the seed: the engine under both torch's CPU generator ({@code manual_seed}) and numpy's legacy
 * {@code RandomState(int)}.
 *
 * <p><b>Threads:</b> not thread-safe.
 */
final class Mt19937 {

    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int index;

    Mt19937(long seed) {
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            int prev = mt[i - 1];
            mt[i] = 1812433253 * (prev ^ (prev >>> 30)) + i;
        }
        index = N;
    }

    /** The next 32-bit output, as an unsigned value. */
    long nextUnsigned() {
        return nextInt() & 0xFFFFFFFFL;
    }

    /** The next 32-bit output. */
    int nextInt() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9D2C5680;
        y ^= (y << 15) & 0xEFC60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7FFFFFFF);
            mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908B0DF : 0);
        }
        index = 0;
    }
}
