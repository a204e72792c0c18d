package dev.stepcast.engine.preview;

import java.nio.FloatBuffer;
import java.util.Locale;
import java.util.Optional;

/**
 * The value range of a decoder's RGB output. The original TAESD decoders (madebyollin/taesd) give [0, 1]; diffusers'
 * {@code AutoencoderTiny} (and ONNX exports of it) rescales to [-1, 1] like the full VAE.
 */
public enum OutputRange {
    /** Values in [0, 1]. */
    ZERO_ONE(0f),
    /** Values in [-1, 1]. */
    MINUS_ONE_ONE(-1f);

    /**
     * Below this minimum an output is taken as [-1, 1]: a [0, 1] decoder overshoots zero only slightly (TAESD ends in
     * a ReLU-free conv, so tiny negatives happen), while a [-1, 1] image of any dark content goes far below.
     */
    static final float NEGATIVE_EVIDENCE = -0.1f;

    private final float low;

    OutputRange(float low) {
        this.low = low;
    }

    /** The low end of the range: -1 or 0. */
    public float low() {
        return low;
    }

    /** Parses a declared range such as "[-1,1]", "-1,1", "0..1" or "[0, 1]"; empty if not recognised. */
    public static Optional<OutputRange> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.replaceAll("[\\s\\[\\]()]", "").toLowerCase(Locale.ROOT);
        if (t.startsWith("-1")) {
            return Optional.of(MINUS_ONE_ONE);
        }
        if (t.startsWith("0")) {
            return Optional.of(ZERO_ONE);
        }
        return Optional.empty();
    }

    /**
     * The range the values of one output suggest: [-1, 1] when the minimum is clearly negative, else [0, 1].
     * Only evidence of negatives is conclusive; a caller keeps {@link #MINUS_ONE_ONE} once seen.
     */
    public static OutputRange fromValues(FloatBuffer values) {
        float min = Float.POSITIVE_INFINITY;
        for (int i = 0, n = values.limit(); i < n; i++) {
            min = Math.min(min, values.get(i));
        }
        return min < NEGATIVE_EVIDENCE ? MINUS_ONE_ONE : ZERO_ONE;
    }
}
