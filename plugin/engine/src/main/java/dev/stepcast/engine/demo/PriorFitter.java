package dev.stepcast.engine.demo;

import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import java.util.stream.IntStream;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Fits a {@link FamilyPrior} (probabilistic PCA, Tipping &amp; Bishop) to latents of n renders in D dimensions with
 * n ≪ D: the eigen-decomposition of the small n×n Gram matrix of the centred data (EJML) gives the principal
 * directions. The isotropic variance is the maximum-likelihood one (the mean of the discarded eigenvalues over the
 * D − r remaining dimensions) capped at {@link #MAX_ISOTROPIC_VARIANCE}: the ML value (2–7·10⁻² here) is the variance
 * of detail that r directions cannot represent (the exact positions of stars, trees, ridges), and sampled as white
 * latent noise it would only add speckle; the cap keeps the Gaussian proper and the pictures clean.
 *
 * <p><b>Threads:</b> stateless; safe to call from several threads. Uses the common fork-join pool for the Gram
 * matrix.
 */
final class PriorFitter {

    /** The largest isotropic variance used (latent units², i.e. a standard deviation of about 0.03). */
    static final double MAX_ISOTROPIC_VARIANCE = 1e-3;

    private PriorFitter() {
    }

    /** Fits the top-{@code rank} PPCA Gaussian to {@code samples} (each of the same length D). */
    static FamilyPrior fit(float[][] samples, int rank) {
        int n = samples.length;
        int d = samples[0].length;
        if (rank >= n) {
            throw new IllegalArgumentException("rank " + rank + " needs more than " + n + " samples");
        }
        double[] mean = new double[d];
        for (float[] s : samples) {
            for (int j = 0; j < d; j++) {
                mean[j] += s[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] centred = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred[i][j] = samples[i][j] - mean[j];
            }
        }
        DMatrixRMaj gram = new DMatrixRMaj(n, n);
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int k = i; k < n; k++) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += centred[i][j] * centred[k][j];
                }
                gram.set(i, k, dot); // each (i, k) and (k, i) pair is written by exactly one task
                gram.set(k, i, dot);
            }
        });
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(gram)) {
            throw new IllegalStateException("eigen-decomposition of the " + n + "×" + n + " Gram matrix failed");
        }
        Integer[] order = new Integer[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            Complex_F64 v = eig.getEigenvalue(i);
            values[i] = Math.max(0, v.real);
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
        double total = 0;
        for (double v : values) {
            total += v;
        }
        float[][] components = new float[rank][d];
        double[] variances = new double[rank];
        double kept = 0;
        for (int c = 0; c < rank; c++) {
            int idx = order[c];
            DMatrixRMaj v = eig.getEigenVector(idx);
            double norm = Math.sqrt(values[idx]);
            double[] u = new double[d];
            for (int i = 0; i < n; i++) {
                double w = v.get(i, 0) / norm;
                for (int j = 0; j < d; j++) {
                    u[j] += w * centred[i][j];
                }
            }
            orthonormalise(u, components, c);
            for (int j = 0; j < d; j++) {
                components[c][j] = (float) u[j];
            }
            variances[c] = values[idx] / (n - 1);
            kept += values[idx];
        }
        double isotropic = Math.min(MAX_ISOTROPIC_VARIANCE, (total - kept) / (n - 1) / (d - rank));
        for (int c = 0; c < rank; c++) {
            variances[c] = Math.max(variances[c], isotropic);
        }
        float[] meanF = new float[d];
        for (int j = 0; j < d; j++) {
            meanF[j] = (float) mean[j];
        }
        return new FamilyPrior(meanF, components, variances, isotropic);
    }

    /** Gram–Schmidt against the first {@code count} components (repairs rounding), then unit length. */
    private static void orthonormalise(double[] u, float[][] previous, int count) {
        for (int c = 0; c < count; c++) {
            double dot = 0;
            for (int j = 0; j < u.length; j++) {
                dot += u[j] * previous[c][j];
            }
            for (int j = 0; j < u.length; j++) {
                u[j] -= dot * previous[c][j];
            }
        }
        double norm = 0;
        for (double x : u) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        for (int j = 0; j < u.length; j++) {
            u[j] /= norm;
        }
    }
}
