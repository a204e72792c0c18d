package dev.stepcast.engine;

/**
 * torch's CPU {@code randn} for float32 tensors after {@code torch.Generator().manual_seed(seed)} (ATen's
 * {@code normal_kernel}, {@code aten/src/ATen/native/cpu/DistributionTemplates.h}), bit for bit as torch computes it
 * with its <b>AVX2 kernel</b> — the kernel torch uses on every x86-64 CPU with AVX2 (AVX-512 CPUs too: torch does not
 * dispatch {@code normal_} to its AVX-512 build). Checked against torch 1.13.1 (Debian build, GCC 12) on every element
 * of many seeds, shapes and successive draws; the kernel's source is unchanged in torch 2.x.
 * <ul>
 *   <li>16 or more elements: every element first gets a uniform float {@code (mt & 0xFFFFFF) / 2²⁴}; then each block
 *       of 16 becomes normals by float Box–Muller, {@code u1 = 1 − d[j]}, {@code u2 = d[j+8]},
 *       {@code r = sqrt(−2 log u1)}, {@code θ = 2π·u2}, {@code d[j] = r cos θ}, {@code d[j+8] = r sin θ}
 *       ({@code j < 8}); when the size is not a multiple of 16 the last 16 elements are redrawn (16 fresh uniforms)
 *       and transformed again. {@code log}, {@code sin} and {@code cos} are the Cephes float polynomials of torch's
 *       {@code avx_mathfun.h} (Pommier's {@code log256_ps} / {@code sincos256_ps}), with the multiply-adds that GCC
 *       contracts into FMA instructions in torch's AVX2 build done as {@link Math#fma} (found by reading the code
 *       with GCC's contraction rule — a product whose only use is an add becomes an FMA — and confirmed against
 *       torch: without them about 1% of elements differ in the last bit).</li>
 *   <li>fewer than 16: one double normal per element — {@code u1, u2} from 53-bit uniforms (two mt outputs each,
 *       first one high), {@code r = sqrt(−2 log1p(−u2))}, {@code θ = 2π u1}, returns {@code r cos θ} and caches
 *       {@code r sin θ} in the generator for the next element (or the next small draw). Double precision narrowed
 *       to float, so it agrees with torch on every platform.</li>
 * </ul>
 * torch without AVX2 (ARM, e.g. Apple silicon, or {@code ATEN_CPU_CAPABILITY=default}) uses its scalar kernel
 * instead: the same steps with the platform's {@code logf}/{@code cosf}/{@code sinf} and θ rounded from double; with
 * glibc about 40% of its values differ from the AVX2 kernel's in the last bits (at most 2e-6), so those users' noise
 * is not reproduced bit for bit (a model of it with correctly rounded functions matched 98.5%, not 100%, and is not
 * kept).
 *
 * <p><b>Threads:</b> not thread-safe.
 */
final class TorchCpuNormal implements NormalStream {

    /** {@code _mm256_set1_ps(2.0f * c10::pi<double>)}: 2π rounded to float. */
    private static final float TWO_PI_F = (float) (2.0 * Math.PI);
    private static final float MIN_NORM_POS = Float.intBitsToFloat(0x00800000);
    private static final float SQRTHF = 0.707106781186547524f;
    private static final float[] LOG_P = {7.0376836292E-2f, -1.1514610310E-1f, 1.1676998740E-1f,
        -1.2420140846E-1f, 1.4249322787E-1f, -1.6668057665E-1f, 2.0000714765E-1f, -2.4999993993E-1f,
        3.3333331174E-1f};
    private static final float LOG_Q1 = -2.12194440e-4f;
    private static final float LOG_Q2 = 0.693359375f;
    private static final float FOUR_OVER_PI = 1.27323954473516f;
    private static final float MINUS_DP1 = -0.78515625f;
    private static final float MINUS_DP2 = -2.4187564849853515625e-4f;
    private static final float MINUS_DP3 = -3.77489497744594108e-8f;
    private static final float SIN_P0 = -1.9515295891E-4f;
    private static final float SIN_P1 = 8.3321608736E-3f;
    private static final float SIN_P2 = -1.6666654611E-1f;
    private static final float COS_P0 = 2.443315711809948E-005f;
    private static final float COS_P1 = -1.388731625493765E-003f;
    private static final float COS_P2 = 4.166664568298827E-002f;

    private final Mt19937 mt;
    private boolean hasCached;
    private double cached;

    TorchCpuNormal(long seed) {
        this.mt = new Mt19937(seed);
    }

    @Override
    public float[] next(int count) {
        float[] d = new float[count];
        if (count >= 16) {
            for (int i = 0; i < count; i++) {
                d[i] = uniformFloat();
            }
            for (int i = 0; i + 16 <= count; i += 16) {
                fill16(d, i);
            }
            if (count % 16 != 0) {
                int start = count - 16;
                for (int i = 0; i < 16; i++) {
                    d[start + i] = uniformFloat();
                }
                fill16(d, start);
            }
            return d;
        }
        for (int i = 0; i < count; i++) {
            d[i] = (float) normalDouble();
        }
        return d;
    }

    private float uniformFloat() {
        return (mt.nextInt() & 0xFFFFFF) / 16777216f;
    }

    private double uniformDouble() {
        long hi = mt.nextUnsigned();
        long lo = mt.nextUnsigned();
        long bits = ((hi << 32) | lo) & ((1L << 53) - 1);
        return bits / (double) (1L << 53);
    }

    private double normalDouble() {
        if (hasCached) {
            hasCached = false;
            return cached;
        }
        double u1 = uniformDouble();
        double u2 = uniformDouble();
        double r = Math.sqrt(-2.0 * Math.log1p(-u2));
        double theta = 2.0 * Math.PI * u1;
        cached = r * Math.sin(theta);
        hasCached = true;
        return r * Math.cos(theta);
    }

    /** {@code normal_fill_16_AVX2} with mean 0 and std 1 (its final {@code fmadd(n, 1, 0)} is exact). */
    private static void fill16(float[] d, int at) {
        for (int j = 0; j < 8; j++) {
            float u1 = 1f - d[at + j];
            float u2 = d[at + j + 8];
            float radius = (float) Math.sqrt(-2f * log(u1));
            float theta = TWO_PI_F * u2;
            d[at + j] = radius * cos(theta);
            d[at + j + 8] = radius * sin(theta);
        }
    }

    /** {@code log256_ps} for one lane; {@code x} in (0, 1]. */
    static float log(float in) {
        float x = Math.max(in, MIN_NORM_POS);
        int bits = Float.floatToRawIntBits(x);
        float e = (float) ((bits >>> 23) - 0x7f) + 1f;
        x = Float.intBitsToFloat((bits & ~0x7f800000) | Float.floatToRawIntBits(0.5f));
        // x < √½: e -= 1, x = x + x − 1; else x = x − 1 (the mask-and-add of the vector code)
        float tmp = x < SQRTHF ? x : 0f;
        if (x < SQRTHF) {
            e = e - 1f;
        }
        x = (x - 1f) + tmp;
        float z = x * x;
        float y = LOG_P[0];
        for (int i = 1; i < LOG_P.length; i++) {
            y = Math.fma(y, x, LOG_P[i]);
        }
        y = y * x;
        y = Math.fma(y, z, e * LOG_Q1);
        y = Math.fma(-z, 0.5f, y);
        return Math.fma(e, LOG_Q2, x + y);
    }

    /** The sine of {@code sincos256_ps} for one lane. */
    static float sin(float theta) {
        return sincos(theta, true);
    }

    /** The cosine of {@code sincos256_ps} for one lane. */
    static float cos(float theta) {
        return sincos(theta, false);
    }

    private static float sincos(float theta, boolean wantSin) {
        float x = Math.abs(theta);
        int j = ((int) (x * FOUR_OVER_PI) + 1) & ~1;
        float y = j;
        // extended precision reduction x − y·π/4 in three parts
        x = Math.fma(y, MINUS_DP1, x);
        x = Math.fma(y, MINUS_DP2, x);
        x = Math.fma(y, MINUS_DP3, x);
        float z = x * x;
        float cosPoly = Math.fma(Math.fma(COS_P0, z, COS_P1), z, COS_P2) * z;
        cosPoly = Math.fma(cosPoly, z, -(z * 0.5f)) + 1f;
        float sinPoly = Math.fma(Math.fma(SIN_P0, z, SIN_P1), z, SIN_P2) * z;
        sinPoly = Math.fma(sinPoly, x, x);
        boolean sinFromSinPoly = (j & 2) == 0;
        if (wantSin) {
            int sign = (Float.floatToRawIntBits(theta) & 0x80000000) ^ ((j & 4) << 29);
            // ysin1 + ysin2 with one of them zero
            float s = sinFromSinPoly ? 0f + sinPoly : cosPoly + 0f;
            return Float.intBitsToFloat(Float.floatToRawIntBits(s) ^ sign);
        }
        int sign = (~(j - 2) & 4) << 29;
        // (y − ysin1) + (y2 − ysin2): the polynomial the sine did not take, plus zero
        float c = sinFromSinPoly ? cosPoly + 0f : 0f + sinPoly;
        return Float.intBitsToFloat(Float.floatToRawIntBits(c) ^ sign);
    }
}
