package dev.stepcast.engine.demo;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The mixture posterior mean E[x0 | x_t] computed directly in double precision (test reference): per component the
 * Gaussian conditional mean in the eigenbasis of its covariance, weights from the log-likelihoods of x_t under
 * N(a·μ, a²Σ + b²I) plus the log-priors, normalised with log-sum-exp.
 */
final class ClosedForm {

    private ClosedForm() {
    }

    /**
     * For one Gaussian, with the covariance built as a dense matrix and a linear solve (no Woodbury, no
     * eigenbasis): {@code μ + a·Σ·(a²Σ + b²I)⁻¹·(x − a·μ)}.
     */
    static double[] denseGaussianPosteriorMean(FamilyPrior p, float[] x, int offset, double a, double b) {
        int d = p.dimension();
        DMatrixRMaj sigma = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            sigma.add(i, i, p.isotropicVariance());
        }
        for (int c = 0; c < p.rank(); c++) {
            float[] u = p.components()[c];
            double extra = p.variances()[c] - p.isotropicVariance();
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    sigma.add(i, j, extra * u[i] * u[j]);
                }
            }
        }
        DMatrixRMaj marginal = sigma.copy();
        CommonOps_DDRM.scale(a * a, marginal);
        for (int i = 0; i < d; i++) {
            marginal.add(i, i, b * b);
        }
        DMatrixRMaj dev = new DMatrixRMaj(d, 1);
        for (int i = 0; i < d; i++) {
            dev.set(i, 0, x[offset + i] - a * p.mean()[i]);
        }
        DMatrixRMaj solved = new DMatrixRMaj(d, 1);
        if (!CommonOps_DDRM.solve(marginal, dev, solved)) {
            throw new IllegalStateException("singular marginal covariance");
        }
        DMatrixRMaj gain = new DMatrixRMaj(d, 1);
        CommonOps_DDRM.mult(sigma, solved, gain);
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            out[i] = p.mean()[i] + a * gain.get(i, 0);
        }
        return out;
    }

    static double[] posteriorMean(List<FamilyPrior> priors, float[] logPriors, float[] x, int offset, double a,
                                  double b) {
        int d = priors.get(0).dimension();
        double[][] means = new double[priors.size()][];
        double[] logits = new double[priors.size()];
        for (int k = 0; k < priors.size(); k++) {
            FamilyPrior p = priors.get(k);
            double[] dev = new double[d];
            for (int i = 0; i < d; i++) {
                dev[i] = x[offset + i] - a * p.mean()[i];
            }
            double s2 = p.isotropicVariance();
            double tau = a * a * s2 + b * b;
            double[] res = dev.clone();
            double[] mean = new double[d];
            double quad = 0;
            double logdet = (d - p.rank()) * Math.log(tau);
            for (int c = 0; c < p.rank(); c++) {
                float[] u = p.components()[c];
                double proj = 0;
                for (int i = 0; i < d; i++) {
                    proj += u[i] * dev[i];
                }
                double v = a * a * p.variances()[c] + b * b;
                quad += proj * proj / v;
                logdet += Math.log(v);
                double gain = a * p.variances()[c] / v;
                for (int i = 0; i < d; i++) {
                    res[i] -= proj * u[i];
                    mean[i] += gain * proj * u[i];
                }
            }
            double res2 = 0;
            for (int i = 0; i < d; i++) {
                res2 += res[i] * res[i];
                mean[i] += p.mean()[i] + a * s2 / tau * res[i];
            }
            quad += res2 / tau;
            logits[k] = -0.5 * (quad + logdet) + logPriors[k];
            means[k] = mean;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double total = 0;
        for (double l : logits) {
            total += Math.exp(l - max);
        }
        double[] out = new double[d];
        for (int k = 0; k < priors.size(); k++) {
            double w = Math.exp(logits[k] - max) / total;
            for (int i = 0; i < d; i++) {
                out[i] += w * means[k][i];
            }
        }
        return out;
    }
}
