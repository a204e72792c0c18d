package dev.stepcast.engine;

/**
 * numpy's legacy {@code np.random.RandomState(seed).randn(...)}, narrowed to float32 as diffusers' ONNX pipelines do
 * ({@code .astype(np.float32)}): mt19937 seeded by {@code init_genrand(seed)} (numpy accepts 0 ≤ seed < 2³²; larger
 * seeds use their low 32 bits here), 53-bit doubles {@code ((a >> 5)·2²⁶ + (b >> 6)) / 2⁵³}, and Marsaglia's polar
 * method: draw {@code x1, x2 = 2u − 1} until {@code 0 < r² < 1}, {@code f = sqrt(−2 ln r² / r²)}, return
 * {@code f·x2} and keep {@code f·x1} for the next value — across draws too, as {@code RandomState} does.
 *
 * <p><b>Threads:</b> not thread-safe.
 */
final class NumpyNormal implements NormalStream {

    private final Mt19937 mt;
    private boolean hasGauss;
    private double gauss;

    NumpyNormal(long seed) {
        this.mt = new Mt19937(seed);
    }

    @Override
    public float[] next(int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) gauss();
        }
        return out;
    }

    private double uniform() {
        long a = mt.nextUnsigned() >>> 5;
        long b = mt.nextUnsigned() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    private double gauss() {
        if (hasGauss) {
            hasGauss = false;
            return gauss;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * uniform() - 1.0;
            x2 = 2.0 * uniform() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }
}
