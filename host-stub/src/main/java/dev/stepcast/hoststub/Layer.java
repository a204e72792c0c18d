package dev.stepcast.hoststub;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * One layer of a {@link Document}: an ARGB image placed at {@code x, y} (document pixels), with visibility and opacity.
 * Change a layer through its document ({@link Document#setVisible}, {@link Document#setOpacity}, …) so the change is
 * undoable and the views repaint.
 *
 * <p><b>Threads:</b> event dispatch thread only.
 */
public final class Layer {

    private final String name;
    private final BufferedImage image;
    private final int x;
    private final int y;
    private boolean visible = true;
    private float opacity = 1f;

    /**
     * A visible, opaque layer.
     *
     * @param image the pixels; converted to {@code TYPE_INT_ARGB} if it is of another type (the caller's image is
     *              never changed or kept)
     */
    public Layer(String name, BufferedImage image, int x, int y) {
        this.name = Objects.requireNonNull(name, "name");
        this.image = Images.toArgbCopy(Objects.requireNonNull(image, "image"));
        this.x = x;
        this.y = y;
    }

    /** The layer's name as shown in the layer list. */
    public String name() {
        return name;
    }

    /** The layer's pixels ({@code TYPE_INT_ARGB}); owned by the layer, do not modify. */
    public BufferedImage image() {
        return image;
    }

    /** Left edge in document pixels. */
    public int x() {
        return x;
    }

    /** Top edge in document pixels. */
    public int y() {
        return y;
    }

    /** Whether the layer is composited. */
    public boolean visible() {
        return visible;
    }

    /** Opacity in [0, 1] applied when compositing. */
    public float opacity() {
        return opacity;
    }

    void visible(boolean visible) {
        this.visible = visible;
    }

    void opacity(float opacity) {
        if (!(opacity >= 0f && opacity <= 1f)) {
            throw new IllegalArgumentException("opacity must be in [0, 1], was " + opacity);
        }
        this.opacity = opacity;
    }

    @Override
    public String toString() {
        return "Layer[" + name + " " + image.getWidth() + "x" + image.getHeight() + " at " + x + "," + y
                + (visible ? "" : " hidden") + " opacity " + opacity + "]";
    }
}
