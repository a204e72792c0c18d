package dev.stepcast.engine;

/**
 * A1111's "NV" noise ({@code modules/rng_philox.py}), which imitates torch's CUDA {@code randn}: for the i-th value
 * of a draw, Philox 4x32 with 10 rounds runs on the counter {@code (offset, 0, i, 0)} under the key
 * {@code (seed low 32 bits, seed high 32 bits)}; the first two output words {@code x, y} become one value by
 * Box–Muller, {@code sqrt(-2 ln u) · sin v} with {@code u = x·2⁻³² + 2⁻³³} and {@code v = y·2π·2⁻³² + π·2⁻³²}
 * (float32 constants, double arithmetic, then float32) — the other two words are discarded. Each draw uses the
 * next offset (0 for the first).
 *
 * <p>rng_philox.py's values differ from CUDA's own by a few float32 ulps (CUDA computes in float with fast
 * intrinsics); this class follows rng_philox.py.
 *
 * <p><b>Threads:</b> not thread-safe.
 */
final class PhiloxNormal implements NormalStream {

    private static final int M0 = 0xD2511F53;
    private static final int M1 = 0xCD9E8D57;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;
    /** numpy's float32(2.3283064e-10) and float32(2.3283064e-10 · 6.2831855), used as doubles. */
    private static final double TWO_POW32_INV = (float) 2.3283064e-10;
    private static final double TWO_POW32_INV_2PI = (float) (2.3283064e-10 * 6.2831855);
    /** The halves are computed in float32 as numpy does ({@code float32 array / 2}). */
    private static final double HALF_INV = (float) ((float) 2.3283064e-10 / 2f);
    private static final double HALF_INV_2PI = (float) ((float) (2.3283064e-10 * 6.2831855) / 2f);

    private final int keyLo;
    private final int keyHi;
    private int offset;

    PhiloxNormal(long seed) {
        this.keyLo = (int) seed;
        this.keyHi = (int) (seed >>> 32);
    }

    @Override
    public float[] next(int count) {
        float[] out = new float[count];
        int[] words = new int[2];
        for (int i = 0; i < count; i++) {
            philox(offset, i, words);
            out[i] = boxMuller(words[0], words[1]);
        }
        offset++;
        return out;
    }

    /** The first two output words of Philox 4x32-10 for counter {@code (c0, 0, c2, 0)}. */
    private void philox(int counter0, int counter2, int[] out) {
        int c0 = counter0;
        int c1 = 0;
        int c2 = counter2;
        int c3 = 0;
        int k0 = keyLo;
        int k1 = keyHi;
        for (int round = 0; round < 10; round++) {
            long p0 = (c0 & 0xFFFFFFFFL) * (M0 & 0xFFFFFFFFL);
            long p1 = (c2 & 0xFFFFFFFFL) * (M1 & 0xFFFFFFFFL);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n1 = (int) p1;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            int n3 = (int) p0;
            c0 = n0;
            c1 = n1;
            c2 = n2;
            c3 = n3;
            k0 += W0;
            k1 += W1;
        }
        out[0] = c0;
        out[1] = c1;
    }

    private static float boxMuller(int x, int y) {
        double u = (x & 0xFFFFFFFFL) * TWO_POW32_INV + HALF_INV;
        double v = (y & 0xFFFFFFFFL) * TWO_POW32_INV_2PI + HALF_INV_2PI;
        return (float) (Math.sqrt(-2.0 * Math.log(u)) * Math.sin(v));
    }
}
