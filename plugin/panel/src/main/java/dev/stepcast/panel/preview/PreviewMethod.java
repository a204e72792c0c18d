package dev.stepcast.panel.preview;

/**
 * How live previews are made (setting "Preview method", default {@link #AUTO}).
 */
public enum PreviewMethod {
    /** The tiny decoder when one is present (in the model folder or chosen by the user), else approximate. */
    AUTO("Automatic"),
    /** A per-family linear latent→RGB map at latent resolution: almost free, runs on the sampling thread. */
    APPROXIMATE("Approximate (fast)"),
    /** A TAESD-format ONNX decoder: near-final quality, decoded on a preview thread. */
    TINY_DECODER("Tiny decoder (TAESD)"),
    /** The model's own VAE: final quality, the most expensive; decoded on a preview thread. */
    FULL("Full VAE"),
    /** No previews; progress only. */
    NONE("None"),
    /**
     * A server's own previews (a remote run; never a setting): the server encodes them, the decoder thread decodes
     * the JPEG/PNG. Previews are on when the setting is anything but {@link #NONE}.
     */
    SERVER("The server's previews");

    private final String displayName;

    PreviewMethod(String displayName) {
        this.displayName = displayName;
    }

    /** The name shown in the settings dialog. */
    public String displayName() {
        return displayName;
    }

    /** {@link #AUTO} resolved: the tiny decoder if {@code tinyDecoderAvailable}, else approximate; others as is. */
    public PreviewMethod resolve(boolean tinyDecoderAvailable) {
        if (this != AUTO) {
            return this;
        }
        return tinyDecoderAvailable ? TINY_DECODER : APPROXIMATE;
    }

    /** Whether decodes of this (resolved) method run on the preview decoder thread rather than inline. */
    public boolean decodesOffThread() {
        return this == TINY_DECODER || this == FULL || this == SERVER;
    }

    /** The methods a user can choose in the settings (all but {@link #SERVER}). */
    public static PreviewMethod[] choosable() {
        return new PreviewMethod[] {AUTO, APPROXIMATE, TINY_DECODER, FULL, NONE};
    }

    @Override
    public String toString() {
        return displayName;
    }
}
