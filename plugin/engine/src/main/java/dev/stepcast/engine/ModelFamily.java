package dev.stepcast.engine;

/**
 * The kind of Stable Diffusion model a folder holds, as far as the engine needs to know it (default VAE scaling
 * factor, preview colour maps).
 */
public enum ModelFamily {
    /** Stable Diffusion 1.x: CLIP ViT-L text encoder (hidden size 768). */
    SD1("Stable Diffusion 1.x"),
    /** Stable Diffusion 2.x: OpenCLIP ViT-H text encoder (hidden size 1024), often v-prediction. */
    SD2("Stable Diffusion 2.x"),
    /** Stable Diffusion XL (and Turbo/Lightning/LCM-SDXL): two text encoders, SDXL's own VAE (factor 0.13025). */
    SDXL("Stable Diffusion XL"),
    /** Stepcast's built-in demo model (model_index.json {@code "_stepcast_family": "demo"}). */
    DEMO("Stepcast demo model"),
    /** SD-shaped but none of the above (e.g. a synthetic test model). */
    UNKNOWN("Unknown Stable Diffusion-shaped model");

    private final String displayName;

    ModelFamily(String displayName) {
        this.displayName = displayName;
    }

    /** The VAE scaling factor a model of this family uses when its config does not say (SD1.x/2.x: 0.18215). */
    public float defaultVaeScalingFactor() {
        return this == SDXL ? 0.13025f : 0.18215f;
    }

    /** The image side a model of this family is trained at and generates by default: SDXL 1024, others 512. */
    public int defaultImageSize() {
        return this == SDXL ? 1024 : 512;
    }

    public String displayName() {
        return displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
