package dev.stepcast.engine.demo;

import dev.stepcast.engine.onnx.GraphBuilder;
import java.util.List;

/**
 * Writes the demo model's UNet: an ONNX graph with exactly the inputs and output of a diffusers-exported SD UNet
 * ({@code sample} [batch, 4, height, width], {@code timestep} float [1], {@code encoder_hidden_states}
 * [batch, sequence, 768] → {@code out_sample}) that computes the exact posterior mean E[x0 | x_t] of a mixture of
 * PPCA Gaussians (one per {@link SceneFamily}) under {@code x_t = a·x0 + b·ε}, {@code a = √ᾱ_t},
 * {@code b = √(1−ᾱ_t)}, and returns the epsilon prediction {@code ε̂ = (x_t − a·x̂0)/b}.
 *
 * <p>Per component k with mean μ, orthonormal directions U (rows), variances λ and isotropic variance s²:
 * {@code d = x_t − a·μ}, {@code p = U·d}, residual {@code res = d − Uᵀp}; the marginal of x_t is
 * {@code N(a·μ, τ·I + Uᵀ·diag(a²λ + b² − τ)·U)} with {@code τ = a²s² + b²}, so (Woodbury, U orthonormal)
 * {@code log N = −½(|res|²/τ + Σ p_i²/(a²λ_i + b²) + (D − r)·log τ + Σ log(a²λ_i + b²)) + const} and
 * {@code E[x0 | x_t, k] = μ + (a·s²/τ)·res + Uᵀ·(p ⊙ a·λ/(a²λ + b²))}. The component weights are the softmax of
 * the log-likelihoods plus the per-family log-priors, read as the sum over tokens of the first K columns of
 * {@code encoder_hidden_states} (see {@link DemoTextEncoder}).
 *
 * <p>Timesteps may be fractional: σ is interpolated linearly in the training sigma table (as diffusers' Euler-type
 * schedulers do) and {@code a = 1/√(1+σ²)}, {@code b = σ·a}. Sizes: at the native latent size the prior is used as
 * fitted; at any other size the means and directions are resampled bilinearly to the requested latent size, the
 * directions re-orthonormalised symmetrically (Löwdin, {@code (UUᵀ)^(-1/2)·U} by a Newton–Schulz iteration) and the
 * variances scaled by the ratio of dimensions so the per-cell variance stays the same — the graph then computes the
 * exact posterior of that resampled mixture.
 *
 * <p><b>Threads:</b> stateless; safe to call from several threads.
 */
final class DemoUnetGraph {

    /** Width of the text embeddings (CLIP ViT-L's, as SD1.x). */
    static final int HIDDEN = 768;
    private static final int NEWTON_SCHULZ_ITERATIONS = 12;

    private DemoUnetGraph() {
    }

    /** Builds the UNet for {@code priors} fitted at {@code nativeSize}×{@code nativeSize} latents. */
    static GraphBuilder build(List<FamilyPrior> priors, int nativeSize) {
        int k = priors.size();
        int r = priors.get(0).rank();
        int plane = nativeSize * nativeSize;
        int d = LatentCodec.CHANNELS * plane;
        GraphBuilder g = new GraphBuilder("stepcast_demo_unet");
        g.input("sample", GraphBuilder.FLOAT, "batch", LatentCodec.CHANNELS, "height", "width");
        g.input("timestep", GraphBuilder.FLOAT, 1);
        g.input("encoder_hidden_states", GraphBuilder.FLOAT, "batch", "sequence", HIDDEN);
        g.output("out_sample", GraphBuilder.FLOAT, "batch", LatentCodec.CHANNELS, "height", "width");

        float[] means = new float[k * d];
        float[] directions = new float[k * r * d];
        float[] variances = new float[k * r];
        float[] isotropic = new float[k];
        for (int f = 0; f < k; f++) {
            FamilyPrior p = priors.get(f);
            System.arraycopy(p.mean(), 0, means, f * d, d);
            for (int i = 0; i < r; i++) {
                System.arraycopy(p.components()[i], 0, directions, (f * r + i) * d, d);
                variances[f * r + i] = (float) p.variances()[i];
            }
            isotropic[f] = (float) p.isotropicVariance();
        }
        g.initializer("mu_native", means, k, LatentCodec.CHANNELS, nativeSize, nativeSize);
        g.initializer("u_native", directions, (long) k * r, LatentCodec.CHANNELS, nativeSize, nativeSize);
        g.initializer("lambda_native", variances, k, r);
        g.initializer("iso", isotropic, k, 1);
        g.initializer("sigmas", toFloats(TrainingSchedule.sigmas()), TrainingSchedule.TRAIN_TIMESTEPS);
        g.initializer("d_native", new float[] {d}, 1);
        float[] eye = new float[r * r];
        for (int i = 0; i < r; i++) {
            eye[i * r + i] = 1;
        }
        g.initializer("eye", eye, 1, r, r);
        g.initializer("half", new float[] {0.5f}, 1);
        g.initializer("one", new float[] {1f}, 1);
        g.initializer("three", new float[] {3f}, 1);
        g.initializer("minus_half", new float[] {-0.5f}, 1);
        g.initializer("t_min", new float[] {0f}, 1);
        g.initializer("t_max", new float[] {TrainingSchedule.TRAIN_TIMESTEPS - 1}, 1);
        g.initializer("i_max", new long[] {TrainingSchedule.TRAIN_TIMESTEPS - 1}, 1);
        g.initializer("i_one", new long[] {1}, 1);
        g.initializer("i_0", new long[] {0}, 1);
        g.initializer("i_1", new long[] {1}, 1);
        g.initializer("i_2", new long[] {2}, 1);
        g.initializer("i_4", new long[] {4}, 1);
        g.initializer("i_k", new long[] {k}, 1);
        g.initializer("mu_lead", new long[] {k, LatentCodec.CHANNELS}, 2);
        g.initializer("u_lead", new long[] {(long) k * r, LatentCodec.CHANNELS}, 2);
        g.initializer("mu_flat", new long[] {k, 1, -1}, 3);
        g.initializer("u_flat", new long[] {k, r, -1}, 3);
        g.initializer("x_flat", new long[] {0, -1}, 2);
        g.initializer("k_count", new float[] {k}, 1);

        timestepCoefficients(g);
        resampledPrior(g, r);
        posterior(g);
        return g;
    }

    /** σ from the (fractional) timestep, then a = 1/√(1+σ²) and b = σ·a (all [1]). */
    private static void timestepCoefficients(GraphBuilder g) {
        String t = g.op("Clip", "t_clipped", new String[] {"timestep", "t_min", "t_max"});
        String t0 = g.op("Floor", "t_floor", new String[] {t});
        String frac = g.op("Sub", "t_frac", new String[] {t, t0});
        String i0 = g.op("Cast", "t_i0", new String[] {t0}, "to", GraphBuilder.INT64);
        String i1 = g.op("Min", "t_i1", new String[] {g.op("Add", "t_i0p1", new String[] {i0, "i_one"}), "i_max"});
        String s0 = g.op("Gather", "sigma0", new String[] {"sigmas", i0});
        String s1 = g.op("Gather", "sigma1", new String[] {"sigmas", i1});
        String step = g.op("Mul", "sigma_step", new String[] {frac, g.op("Sub", "sigma_diff", new String[] {s1, s0})});
        String sigma = g.op("Add", "sigma", new String[] {s0, step});
        String s2 = g.op("Mul", "sigma2", new String[] {sigma, sigma});
        String norm = g.op("Sqrt", "sigma_norm", new String[] {g.op("Add", "sigma2p1", new String[] {s2, "one"})});
        g.op("Div", "a", new String[] {"one", norm});
        g.op("Mul", "b", new String[] {sigma, "a"});
        g.op("Mul", "a2", new String[] {"a", "a"});
        g.op("Mul", "b2", new String[] {"b", "b"});
    }

    /** Means mu [K,1,D'] and orthonormal directions un [K,r,D'] and variances lam [K,r] at the sample's size. */
    private static void resampledPrior(GraphBuilder g, int r) {
        g.op("Shape", "x_shape", new String[] {"sample"});
        String hw = g.op("Slice", "x_hw", new String[] {"x_shape", "i_2", "i_4"});
        String muSizes = g.op("Concat", "mu_sizes", new String[] {"mu_lead", hw}, "axis", 0);
        String uSizes = g.op("Concat", "u_sizes", new String[] {"u_lead", hw}, "axis", 0);
        String mu = g.op("Resize", "mu_resized", new String[] {"mu_native", "", "", muSizes}, "mode", "linear");
        String u = g.op("Resize", "u_resized", new String[] {"u_native", "", "", uSizes}, "mode", "linear");
        g.op("Reshape", "mu", new String[] {mu, "mu_flat"});
        String ur = g.op("Reshape", "u_rows", new String[] {u, "u_flat"});
        // D' and c = D'/D (how much longer a resampled direction is).
        String size = g.op("Cast", "mu_size", new String[] {g.op("Size", "mu_size_i", new String[] {"mu"})},
                "to", GraphBuilder.FLOAT);
        g.op("Div", "d_cur", new String[] {size, "k_count"});
        String c = g.op("Div", "c_ratio", new String[] {"d_cur", "d_native"});
        g.op("Mul", "lam", new String[] {"lambda_native", c});
        // Löwdin: A = U Uᵀ / c ≈ I; Z → A^(-1/2) by Newton–Schulz on A/f (f ≥ spectral radius, so it converges).
        String ut = g.op("Transpose", "u_cols", new String[] {ur}, "perm", new long[] {0, 2, 1});
        String gram = g.op("Div", "gram", new String[] {g.op("MatMul", "gram_raw", new String[] {ur, ut}), c});
        String rowSums = g.op("ReduceSum", "gram_rows", new String[] {g.op("Abs", "gram_abs", new String[] {gram}),
            "i_2_axes"}, "keepdims", 1);
        String f = g.op("ReduceMax", "gram_bound", new String[] {rowSums}, "axes", new long[] {1}, "keepdims", 1);
        String y = g.op("Div", "ns_y0", new String[] {gram, f});
        String z = "eye";
        for (int i = 0; i < NEWTON_SCHULZ_ITERATIONS; i++) {
            String zy = g.op("MatMul", "ns_zy" + i, new String[] {z, y});
            String t = g.op("Mul", "ns_t" + i, new String[] {
                g.op("Sub", "ns_3mzy" + i, new String[] {g.op("Mul", "ns_3i" + i, new String[] {"eye", "three"}), zy}),
                "half"});
            y = g.op("MatMul", "ns_y" + (i + 1), new String[] {y, t});
            z = g.op("MatMul", "ns_z" + (i + 1), new String[] {t, z});
        }
        // U_orth = A^(-1/2)·U/√c = Z/√(f·c)·U
        String scale = g.op("Sqrt", "orth_scale", new String[] {g.op("Mul", "f_c", new String[] {f, c})});
        String s = g.op("Div", "orth_s", new String[] {z, scale});
        g.op("MatMul", "un", new String[] {s, ur});
        g.initializer("i_2_axes", new long[] {2}, 1);
        g.initializer("r_count", new float[] {r}, 1);
    }

    /** The mixture posterior mean and the epsilon prediction. */
    private static void posterior(GraphBuilder g) {
        String x = g.op("Reshape", "x", new String[] {"sample", "x_flat"});
        String xk = g.op("Unsqueeze", "xk", new String[] {x, "i_0"});
        String d = g.op("Sub", "dev", new String[] {xk, g.op("Mul", "a_mu", new String[] {"a", "mu"})});
        String unT = g.op("Transpose", "un_t", new String[] {"un"}, "perm", new long[] {0, 2, 1});
        String p = g.op("MatMul", "p", new String[] {d, unT});
        String res = g.op("Sub", "res", new String[] {d, g.op("MatMul", "proj", new String[] {p, "un"})});
        // variances of x_t: tau (isotropic) [K,1] and v = a²λ + b² [K,r]
        String tau = g.op("Add", "tau", new String[] {g.op("Mul", "a2_iso", new String[] {"a2", "iso"}), "b2"});
        String v = g.op("Add", "v", new String[] {g.op("Mul", "a2_lam", new String[] {"a2", "lam"}), "b2"});
        String res2 = g.op("ReduceSum", "res2", new String[] {g.op("Mul", "res_sq", new String[] {res, res}),
            "i_2_axes"}, "keepdims", 0);
        String vRows = g.op("Unsqueeze", "v_rows", new String[] {v, "i_1"});
        String p2 = g.op("ReduceSum", "p2_over_v", new String[] {
            g.op("Div", "p_sq_v", new String[] {g.op("Mul", "p_sq", new String[] {p, p}), vRows}), "i_2_axes"},
            "keepdims", 0);
        String quad = g.op("Add", "quad", new String[] {g.op("Div", "res2_tau", new String[] {res2, tau}), p2});
        String dMinusR = g.op("Sub", "d_minus_r", new String[] {"d_cur", "r_count"});
        String logdet = g.op("Add", "logdet", new String[] {
            g.op("Mul", "logdet_iso", new String[] {dMinusR, g.op("Log", "log_tau", new String[] {tau})}),
            g.op("ReduceSum", "logdet_v", new String[] {g.op("Log", "log_v", new String[] {v}), "i_1"},
                "keepdims", 1)});
        String ll = g.op("Mul", "loglik", new String[] {g.op("Add", "quad_logdet", new String[] {quad, logdet}),
            "minus_half"});
        // log-priors: Σ over tokens of the first K hidden columns
        String ehs = g.op("Slice", "prior_cols", new String[] {"encoder_hidden_states", "i_0", "i_k", "i_2"});
        String logPrior = g.op("ReduceSum", "log_prior", new String[] {ehs, "i_1"}, "keepdims", 0);
        String logits = g.op("Add", "logits", new String[] {g.op("Transpose", "loglik_t", new String[] {ll},
            "perm", new long[] {1, 0}), logPrior});
        String w = g.op("Softmax", "weights", new String[] {logits}, "axis", 1);
        String wk = g.op("Unsqueeze", "weights_k", new String[] {g.op("Transpose", "weights_t", new String[] {w},
            "perm", new long[] {1, 0}), "i_2"});
        // per component x̂0 = μ + (a s²/τ)·res + Uᵀ(p ⊙ aλ/v)
        String gIso = g.op("Unsqueeze", "g_iso", new String[] {g.op("Div", "g_iso_k", new String[] {
            g.op("Mul", "a_iso", new String[] {"a", "iso"}), tau}), "i_2"});
        String gDir = g.op("Unsqueeze", "g_dir", new String[] {g.op("Div", "g_dir_k", new String[] {
            g.op("Mul", "a_lam", new String[] {"a", "lam"}), v}), "i_1"});
        String x0k = g.op("Add", "x0_k", new String[] {
            g.op("Add", "x0_k_iso", new String[] {"mu", g.op("Mul", "res_g", new String[] {res, gIso})}),
            g.op("MatMul", "x0_k_dir", new String[] {g.op("Mul", "p_g", new String[] {p, gDir}), "un"})});
        String x0 = g.op("ReduceSum", "x0", new String[] {g.op("Mul", "x0_weighted", new String[] {x0k, wk}), "i_0"},
                "keepdims", 0);
        String eps = g.op("Div", "eps", new String[] {
            g.op("Sub", "x_minus_ax0", new String[] {x, g.op("Mul", "a_x0", new String[] {"a", x0})}), "b"});
        g.op("Reshape", "out_sample", new String[] {eps, "x_shape"});
    }

    static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
