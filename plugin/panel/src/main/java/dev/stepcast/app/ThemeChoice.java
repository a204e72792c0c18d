package dev.stepcast.app;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import com.formdev.flatlaf.util.SystemInfo;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The standalone window's look: FlatLaf light or dark, or following the system. The system's preference is read where
 * it can be: macOS ({@code defaults read -g AppleInterfaceStyle}), Windows ({@code AppsUseLightTheme} in the
 * registry), GNOME and other freedesktop desktops ({@code gsettings … color-scheme}, then {@code GTK_THEME}); anywhere
 * else it is light. Only the standalone launcher installs a look and feel; in a host the panel follows the host's.
 *
 * <p><b>Threads:</b> {@link #systemPrefersDark()} runs a short external command (up to 2 s): call it before the UI
 * is up or off the EDT; {@link #install} on the EDT.
 */
public enum ThemeChoice {
    SYSTEM("Follow the system"), LIGHT("Light"), DARK("Dark");

    private static final System.Logger LOG = System.getLogger(ThemeChoice.class.getName());

    private final String label;

    ThemeChoice(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A choice by name ("light", "dark", "system"), or {@link #SYSTEM}. */
    public static ThemeChoice parse(String name) {
        if (name != null) {
            for (ThemeChoice c : values()) {
                if (c.name().equalsIgnoreCase(name.strip())) {
                    return c;
                }
            }
        }
        return SYSTEM;
    }

    /** Whether this choice means dark, given the system's preference. */
    public boolean isDark(boolean systemDark) {
        return this == DARK || (this == SYSTEM && systemDark);
    }

    /** Installs FlatLaf light or dark and updates every open window. EDT. */
    public static void install(boolean dark) {
        if (dark) {
            FlatDarkLaf.setup();
        } else {
            FlatLightLaf.setup();
        }
        FlatLaf.updateUI();
    }

    /** Whether the operating system is set to a dark appearance, as far as can be told. */
    public static boolean systemPrefersDark() {
        try {
            if (SystemInfo.isMacOS) {
                return run("defaults", "read", "-g", "AppleInterfaceStyle").map(s -> s.contains("Dark"))
                        .orElse(false);
            }
            if (SystemInfo.isWindows) {
                return run("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                        "/v", "AppsUseLightTheme").map(s -> s.contains("0x0")).orElse(false);
            }
            Optional<String> scheme = run("gsettings", "get", "org.gnome.desktop.interface", "color-scheme");
            if (scheme.isPresent() && !scheme.get().isBlank()) {
                return scheme.get().contains("dark");
            }
            String gtk = System.getenv("GTK_THEME");
            return gtk != null && gtk.toLowerCase(Locale.ROOT).contains("dark");
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Cannot read the system theme", e);
            return false;
        }
    }

    private static Optional<String> run(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            try (InputStream in = p.getInputStream()) {
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return Optional.empty();
                }
                return p.exitValue() == 0 ? Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        : Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
