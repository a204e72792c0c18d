package dev.stepcast.engine.testing;

import dev.stepcast.engine.synthetic.SyntheticGraphs;
import dev.stepcast.engine.synthetic.SyntheticSdxl;

/**
 * Test fixture: diffusers' SDXL conditioning ({@code encode_prompt}, {@code _get_add_time_ids}) written out by hand
 * for the synthetic SDXL folder ({@link SyntheticSdxl}), in double precision and without ONNX Runtime:
 * <pre>
 *   prompt_embeds  = concat(h1[-2], h2[-2], axis=-1)          # [seq, width1 + width2]
 *   pooled         = text_encoder_2(ids2).text_embeds          # first chunk
 *   add_time_ids   = [h, w] + [0, 0] + [h, w]
 *   negative       = zeros_like(...) when force_zeros_for_empty_prompt and negative is empty
 * </pre>
 * and what the synthetic UNet makes of them: the constant its ε adds for one branch ({@link #unetBias}).
 *
 * <p><b>Threads:</b> stateless.
 */
public final class SdxlReference {

    private SdxlReference() {
    }

    /** {@code hidden_states[-2]} of one synthetic encoder for token rows {@code ids}: {@code [seq][width]}. */
    public static double[][] penultimate(int[][] chunks, int width, int layers, double gain) {
        int seq = chunks.length * chunks[0].length;
        double[][] h = new double[seq][width];
        int s = 0;
        for (int[] chunk : chunks) {
            for (int id : chunk) {
                for (int i = 0; i < width; i++) {
                    // hidden_states.j = id · ID_SCALE · (i+1)/D · (j+1) · gain; index −2 of 0…layers is j = layers−1
                    h[s][i] = id * (double) SyntheticGraphs.ID_SCALE * (i + 1) / width * layers * gain;
                }
                s++;
            }
        }
        return h;
    }

    /**
     * A1111's "Original" emphasis written out: per 77-token chunk, {@code z · w} per token, then the chunk rescaled
     * so its mean is the mean before ({@code z *= original_mean / new_mean}). {@code weights[c]} null: unchanged.
     */
    public static double[][] emphasised(double[][] h, float[][] weights) {
        double[][] out = new double[h.length][];
        for (int s = 0; s < h.length; s++) {
            out[s] = h[s].clone();
        }
        for (int c = 0; weights != null && c < weights.length; c++) {
            if (weights[c] == null) {
                continue;
            }
            double before = 0;
            double after = 0;
            int count = 0;
            for (int t = 0; t < 77; t++) {
                for (int i = 0; i < out[c * 77 + t].length; i++) {
                    before += out[c * 77 + t][i];
                    out[c * 77 + t][i] *= weights[c][t];
                    after += out[c * 77 + t][i];
                    count++;
                }
            }
            double scale = (before / count) / (after / count);
            for (int t = 0; t < 77; t++) {
                for (int i = 0; i < out[c * 77 + t].length; i++) {
                    out[c * 77 + t][i] *= scale;
                }
            }
        }
        return out;
    }

    /** numpy's {@code np.concatenate([a, b], axis=-1)} for {@code [seq][wa]} and {@code [seq][wb]}. */
    public static double[][] concatenate(double[][] a, double[][] b) {
        double[][] out = new double[a.length][];
        for (int s = 0; s < a.length; s++) {
            out[s] = new double[a[s].length + b[s].length];
            System.arraycopy(a[s], 0, out[s], 0, a[s].length);
            System.arraycopy(b[s], 0, out[s], a[s].length, b[s].length);
        }
        return out;
    }

    /** Encoder 2's {@code text_embeds} for the first chunk: {@code Σ ids · POOL_SCALE · (p+1)/P}. */
    public static double[] pooled(int[][] chunks2, int projection) {
        double sum = 0;
        for (int id : chunks2[0]) {
            sum += id;
        }
        double[] out = new double[projection];
        for (int p = 0; p < projection; p++) {
            out[p] = sum * SyntheticSdxl.POOL_SCALE * (p + 1) / projection;
        }
        return out;
    }

    /** diffusers' {@code _get_add_time_ids(original_size=(h, w), crops_coords_top_left=(0, 0), target=(h, w))}. */
    public static double[] timeIds(int width, int height) {
        return new double[] {height, width, 0, 0, height, width};
    }

    /** The synthetic UNet's per-branch constant (everything but the sample and timestep terms). */
    public static double unetBias(double[][] embeds, double[] pooled, double[] timeIds) {
        int width = embeds[0].length;
        double text = 0;
        double quad = 0;
        for (double[] row : embeds) {
            double r = 0;
            for (int i = 0; i < width; i++) {
                r += row[i] * SyntheticGraphs.TEXT_GAIN * (i + 1) / width;
            }
            text += r;
            quad += r * r;
        }
        text /= embeds.length;
        quad = quad / embeds.length * SyntheticSdxl.QUAD_GAIN;
        double pool = 0;
        for (double v : pooled) {
            pool += v;
        }
        pool = pool / pooled.length * SyntheticSdxl.POOL_GAIN;
        double time = 0;
        for (int k = 0; k < timeIds.length; k++) {
            time += SyntheticSdxl.TIME_GAIN * (k + 1) * timeIds[k];
        }
        return text + quad + pool + time;
    }

    /** The bias of a prompt encoded by both encoders. */
    public static double promptBias(SyntheticSdxl.Options o, int[][] chunks1, int[][] chunks2, int width,
                                    int height) {
        double[][] embeds = concatenate(penultimate(chunks1, o.width1(), o.layers(), 1),
                penultimate(chunks2, o.width2(), o.layers(), SyntheticSdxl.ENCODER2_GAIN));
        return unetBias(embeds, pooled(chunks2, o.projection()), timeIds(width, height));
    }

    /** The bias of a prompt with A1111 emphasis: each encoder's output weighted before the concatenation. */
    public static double emphasisedBias(SyntheticSdxl.Options o, int[][] chunks1, float[][] weights1,
                                        int[][] chunks2, float[][] weights2, int width, int height) {
        double[][] embeds = concatenate(emphasised(penultimate(chunks1, o.width1(), o.layers(), 1), weights1),
                emphasised(penultimate(chunks2, o.width2(), o.layers(), SyntheticSdxl.ENCODER2_GAIN), weights2));
        return unetBias(embeds, pooled(chunks2, o.projection()), timeIds(width, height));
    }

    /** The bias of the zeroed negative (force_zeros_for_empty_prompt): only the time ids remain. */
    public static double zeroBias(SyntheticSdxl.Options o, int sequence, int width, int height) {
        return unetBias(new double[sequence][o.width1() + o.width2()], new double[o.projection()],
                timeIds(width, height));
    }
}
