package dev.stepcast.engine.onnx;

/**
 * The guidance-scale embedding an LCM-distilled UNet takes as {@code timestep_cond}: diffusers'
 * {@code LatentConsistencyModelPipeline.get_guidance_scale_embedding(w, embedding_dim)} with
 * {@code w = guidance_scale − 1}, i.e. sinusoidal features of {@code w × 1000}: {@code [sin(w·f_k)…, cos(w·f_k)…]}
 * with {@code f_k = exp(−k · ln(10000) / (dim/2 − 1))}, zero-padded when {@code dim} is odd.
 *
 * <p><b>Threads:</b> stateless.
 */
public final class GuidanceEmbedding {

    private GuidanceEmbedding() {
    }

    /** The embedding of {@code guidanceScale}, {@code dim} floats. */
    public static float[] of(float guidanceScale, int dim) {
        double w = (guidanceScale - 1.0) * 1000.0;
        int half = dim / 2;
        double step = half > 1 ? Math.log(10000.0) / (half - 1) : 0.0;
        float[] out = new float[dim];
        for (int k = 0; k < half; k++) {
            double arg = w * Math.exp(-k * step);
            out[k] = (float) Math.sin(arg);
            out[half + k] = (float) Math.cos(arg);
        }
        return out;
    }
}
