package dev.stepcast.engine.demo;

/**
 * One mixture component of the demo prior: a probabilistic-PCA Gaussian over UNet-scaled latents of the native size,
 * {@code N(mean, Σ_i variances[i]·u_i·u_iᵀ + isotropicVariance·(I − Σ_i u_i·u_iᵀ))}, i.e. variance
 * {@code variances[i]} along each orthonormal principal direction {@code u_i = components[i]} and
 * {@code isotropicVariance} in every other direction.
 *
 * @param mean              the mean latents, {@code [4·h·w]} row-major
 * @param components        r orthonormal principal directions, each {@code [4·h·w]}
 * @param variances         the variance along each direction (each ≥ isotropicVariance)
 * @param isotropicVariance the variance of every direction orthogonal to the components
 *
 * <p><b>Threads:</b> treat as immutable after construction.
 */
record FamilyPrior(float[] mean, float[][] components, double[] variances, double isotropicVariance) {

    int rank() {
        return components.length;
    }

    int dimension() {
        return mean.length;
    }
}
