package dev.stepcast.engine;

/**
 * torch's CPU {@code randn} for float32 tensors after {@code torch.Generator().manual_seed(seed)} (ATen's
 * {@code normal_kernel}):
 * <ul>
 *   <li>16 or more elements: every element first gets a uniform float {@code (mt & 0xFFFFFF) / 2²⁴}; then each block
 *       of 16 becomes normals by float Box–Muller, {@code u1 = 1 − d[j]}, {@code u2 = d[j+8]},
 *       {@code r = sqrt(−2 ln u1)}, {@code θ = 2π·u2}, {@code d[j] = r cos θ}, {@code d[j+8] = r sin θ}
 *       ({@code j < 8}); when the size is not a multiple of 16 the last 16 elements are redrawn (16 fresh uniforms)
 *       and transformed again.</li>
 *   <li>fewer than 16: one double normal per element — {@code u1, u2} from 53-bit uniforms (two mt outputs each,
 *       first one high), {@code r = sqrt(−2 log1p(−u2))}, {@code θ = 2π u1}, returns {@code r cos θ} and caches
 *       {@code r sin θ} in the generator for the next element (or the next small draw).</li>
 * </ul>
 * torch's AVX2 and scalar kernels can differ in the last float bit; this follows the scalar formulas with correctly
 * rounded float functions.
 *
 * <p><b>Threads:</b> not thread-safe.
 */
final class TorchCpuNormal implements NormalStream {

    private static final float TWO_PI_F = (float) (2.0 * Math.PI);
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

    private static void fill16(float[] d, int at) {
        for (int j = 0; j < 8; j++) {
            float u1 = 1f - d[at + j];
            float u2 = d[at + j + 8];
            float radius = (float) Math.sqrt((float) (-2f * (float) Math.log(u1)));
            float theta = TWO_PI_F * u2;
            d[at + j] = radius * (float) Math.cos(theta);
            d[at + j + 8] = radius * (float) Math.sin(theta);
        }
    }
}
