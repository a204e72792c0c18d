package dev.stepcast.engine.demo;

/** Small statistics of [4, h, w] latents used by the demo tests. */
final class LatentStats {

    private LatentStats() {
    }

    static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** The family whose mean latents are nearest (native size only). */
    static SceneFamily nearestFamilyMean(float[] latents, java.util.List<FamilyPrior> priors) {
        SceneFamily best = null;
        double bestDistance = Double.MAX_VALUE;
        for (int k = 0; k < priors.size(); k++) {
            double d = distance(latents, priors.get(k).mean());
            if (d < bestDistance) {
                bestDistance = d;
                best = SceneFamily.values()[k];
            }
        }
        return best;
    }

    /**
     * Roughness: mean squared difference between horizontally and vertically neighbouring cells over all channels.
     * Leftover noise of standard deviation σ adds about 2σ² to it.
     */
    static double roughness(float[] latents, int h, int w) {
        double s = 0;
        long n = 0;
        for (int c = 0; c < 4; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = (c * h + y) * w + x;
                    if (x + 1 < w) {
                        double d = latents[i + 1] - latents[i];
                        s += d * d;
                        n++;
                    }
                    if (y + 1 < h) {
                        double d = latents[i + w] - latents[i];
                        s += d * d;
                        n++;
                    }
                }
            }
        }
        return s / n;
    }

    /**
     * Variance per dimension of what the family's Gaussian cannot explain: {@code |r|²/D} with
     * {@code r = x − μ − UUᵀ(x − μ)}, the part of the latents outside the mean plus the span of the principal
     * directions. A finished sample of the prior has the isotropic variance there (≤ 10⁻³); leftover noise of
     * standard deviation σ adds σ².
     */
    static double offModelVariance(float[] latents, FamilyPrior prior) {
        int d = latents.length;
        double[] r = new double[d];
        for (int i = 0; i < d; i++) {
            r[i] = latents[i] - prior.mean()[i];
        }
        for (float[] u : prior.components()) {
            double dot = 0;
            for (int i = 0; i < d; i++) {
                dot += u[i] * r[i];
            }
            for (int i = 0; i < d; i++) {
                r[i] -= dot * u[i];
            }
        }
        double s = 0;
        for (double v : r) {
            s += v * v;
        }
        return s / d;
    }

    /** Mean of channel {@code channel} (0 luma, 1 warm–cool, 2 green–magenta). */
    static double channelMean(float[] latents, int channel) {
        int plane = latents.length / 4;
        double s = 0;
        for (int i = 0; i < plane; i++) {
            s += latents[channel * plane + i];
        }
        return s / plane;
    }
}
