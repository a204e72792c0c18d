package dev.stepcast.panel.parts;

import java.awt.Color;
import javax.swing.UIManager;

/**
 * Colours from the look and feel's defaults, for the few places the panel colours something itself. Returns plain
 * {@link Color}s (not {@code UIResource}s) so that a component's own {@code updateUI} does not reset them; parts call
 * these again from their {@code updateUI} after a light/dark switch.
 *
 * <p>UI defaults read: {@code Component.error.focusedBorderColor}, {@code Actions.Red},
 * {@code Component.warning.focusedBorderColor}, {@code Actions.Yellow}, {@code Label.disabledForeground},
 * {@code Actions.Green}, {@code Component.accentColor}, {@code Panel.background}, {@code Label.foreground}.
 *
 * <p><b>Threads:</b> any thread that may read {@link UIManager} (in practice the EDT).
 */
public final class UiColors {

    private UiColors() {
    }

    /** The first of {@code keys} the look and feel defines, else {@code fallback}. */
    public static Color ui(Color fallback, String... keys) {
        for (String key : keys) {
            Color c = UIManager.getColor(key);
            if (c != null) {
                return new Color(c.getRGB(), true);
            }
        }
        return fallback;
    }

    public static Color error() {
        return ui(new Color(0xDB5860), "Component.error.focusedBorderColor", "Actions.Red");
    }

    public static Color warning() {
        return ui(new Color(0xC08000), "Component.warning.focusedBorderColor", "Actions.Yellow");
    }

    public static Color success() {
        return ui(new Color(0x499C54), "Actions.Green");
    }

    public static Color secondaryText() {
        return ui(Color.GRAY, "Label.disabledForeground");
    }

    public static Color text() {
        return ui(Color.BLACK, "Label.foreground");
    }

    public static Color background() {
        return ui(Color.WHITE, "Panel.background");
    }

    public static Color accent() {
        return ui(new Color(0x4B6EAF), "Component.accentColor", "Component.focusColor");
    }

    /** {@code a} blended toward {@code b} by {@code t} in [0, 1]. */
    public static Color mix(Color a, Color b, float t) {
        return new Color(Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }
}
