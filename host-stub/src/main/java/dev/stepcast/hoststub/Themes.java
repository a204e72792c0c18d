package dev.stepcast.hoststub;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import javax.swing.UIManager;

/**
 * The host's look and feel: FlatLaf light or dark. The host installs it; plugins follow it (their components are
 * updated with every window's component tree).
 *
 * <p><b>Threads:</b> event dispatch thread only.
 */
final class Themes {

    private Themes() {
    }

    /** Whether the installed look and feel is FlatLaf dark. */
    static boolean isDark() {
        return UIManager.getLookAndFeel() instanceof FlatLaf laf && laf.isDark();
    }

    /** Installs FlatLaf light or dark unless it is already installed; does not update existing windows. */
    static void install(boolean dark) {
        if (!(UIManager.getLookAndFeel() instanceof FlatLaf) || isDark() != dark) {
            if (dark) {
                FlatDarkLaf.setup();
            } else {
                FlatLightLaf.setup();
            }
        }
    }

    /** Switches to light or dark and updates the component tree of every window (host's and plugins'). */
    static void switchTo(boolean dark) {
        if (isDark() != dark) {
            install(dark);
            FlatLaf.updateUI();
        }
    }
}
