package dev.stepcast.engine;

import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Objects;

/**
 * How to inpaint: which part of the request's {@code initImage} to repaint and how.
 *
 * @param mask          the mask, any size (scaled to the source image): its level (a gray image's sample; otherwise the
 *                      luminance times the alpha, so transparent is black) is how much of a pixel is repainted:
 *                      255 (white) repaints, 0 (black) keeps, values between blend
 * @param maskBlur      Gaussian blur of the mask in source pixels (A1111's "mask blur"; its standard deviation), ≥ 0
 * @param area          repaint on the whole picture, or on the mask's bounding box only (cropped, worked at the
 *                      model's size and pasted back: A1111's "inpaint at full resolution")
 * @param padding       with {@link Area#MASKED}: pixels of context around the mask's bounding box, ≥ 0
 * @param maskedContent what the masked area starts from (A1111's "masked content")
 */
public record InpaintOptions(BufferedImage mask, int maskBlur, Area area, int padding, MaskedContent maskedContent) {

    /** Where the model works. */
    public enum Area {
        /** The whole source image, resized to the model's size. */
        WHOLE,
        /** The mask's bounding box plus padding, resized to the model's size and pasted back. */
        MASKED;

        /** The CLI's word for it: "whole" or "masked". */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the masked area starts from before it is noised. */
    public enum MaskedContent {
        /** The source's own pixels. */
        ORIGINAL,
        /** Fresh random latents inside the mask (strength below 1 then keeps nothing of the source there). */
        NOISE,
        /** The masked pixels filled with the colours around them, blurred, before encoding. */
        FILL;

        /** The CLI's word for it: "original", "noise" or "fill". */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public InpaintOptions {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(maskedContent, "maskedContent");
        if (maskBlur < 0) {
            throw new IllegalArgumentException("mask blur " + maskBlur + " must be 0 or more pixels");
        }
        if (padding < 0) {
            throw new IllegalArgumentException("padding " + padding + " must be 0 or more pixels");
        }
    }

    /** A mask with A1111's defaults: blur 4, whole picture, padding 32, original content. */
    public static InpaintOptions of(BufferedImage mask) {
        return new InpaintOptions(mask, 4, Area.WHOLE, 32, MaskedContent.ORIGINAL);
    }

    public InpaintOptions withMaskBlur(int pixels) {
        return new InpaintOptions(mask, pixels, area, padding, maskedContent);
    }

    public InpaintOptions withArea(Area newArea, int newPadding) {
        return new InpaintOptions(mask, maskBlur, newArea, newPadding, maskedContent);
    }

    public InpaintOptions withMaskedContent(MaskedContent content) {
        return new InpaintOptions(mask, maskBlur, area, padding, content);
    }
}
