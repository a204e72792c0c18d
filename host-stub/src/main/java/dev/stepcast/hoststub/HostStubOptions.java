package dev.stepcast.hoststub;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to open a {@link HostStub}.
 *
 * @param pluginsFolder  the folder whose jars are loaded as plugins, or {@code null} for none
 * @param home           the host's data/config folder: the docking layout, settings and plugin data folders live here
 * @param loadPlugins    whether to load the plugins folder at all
 * @param restoreLayout  whether to restore the docking layout saved in {@code home} (else the default layout)
 * @param messageDialogs whether messages are also shown as (modeless) dialogs; they are always recorded in
 *                       {@link HostStub#messages()} and shown in the status bar
 *
 * <p><b>Threads:</b> immutable; any thread.
 */
public record HostStubOptions(Path pluginsFolder, Path home, boolean loadPlugins, boolean restoreLayout,
                              boolean messageDialogs) {

    /** System property that overrides the default home folder. */
    public static final String HOME_PROPERTY = "stepcast.hoststub.home";

    public HostStubOptions {
        Objects.requireNonNull(home, "home");
    }

    /**
     * No plugins folder, the default home ({@value #HOME_PROPERTY}, else {@code $XDG_CONFIG_HOME/stepcast-host-stub},
     * else {@code ~/.config/stepcast-host-stub}), load plugins, restore the layout, show message dialogs.
     */
    public static HostStubOptions defaults() {
        return new HostStubOptions(null, defaultHome(), true, true, true);
    }

    /** The default home folder (see {@link #defaults()}). */
    public static Path defaultHome() {
        String property = System.getProperty(HOME_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return config.resolve("stepcast-host-stub");
    }

    /** These options with another plugins folder ({@code null}: none). */
    public HostStubOptions withPluginsFolder(Path folder) {
        return new HostStubOptions(folder, home, loadPlugins, restoreLayout, messageDialogs);
    }

    /** These options with another home folder. */
    public HostStubOptions withHome(Path folder) {
        return new HostStubOptions(pluginsFolder, folder, loadPlugins, restoreLayout, messageDialogs);
    }

    /** These options with plugin loading on or off. */
    public HostStubOptions withLoadPlugins(boolean load) {
        return new HostStubOptions(pluginsFolder, home, load, restoreLayout, messageDialogs);
    }

    /** These options with layout restoring on or off. */
    public HostStubOptions withRestoreLayout(boolean restore) {
        return new HostStubOptions(pluginsFolder, home, loadPlugins, restore, messageDialogs);
    }

    /** These options with message dialogs on or off. */
    public HostStubOptions withMessageDialogs(boolean dialogs) {
        return new HostStubOptions(pluginsFolder, home, loadPlugins, restoreLayout, dialogs);
    }
}
