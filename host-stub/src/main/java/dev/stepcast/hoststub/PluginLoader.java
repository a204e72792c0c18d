package dev.stepcast.hoststub;

import dev.stepcast.host.EditorPlugin;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds plugins in a folder: each {@code .jar} gets its own {@link URLClassLoader} whose parent is the host's loader,
 * and its plugins are found with {@code ServiceLoader.load(EditorPlugin.class, pluginLoader)}. Only providers defined
 * by the jar's own loader count (providers visible through the parent, e.g. on the host's class path, are not the
 * jar's). Anything that is not a readable jar with a plugin is skipped with a problem text naming the file.
 *
 * <p><b>Threads:</b> any thread; the result is handed to the EDT, where plugins are started.
 */
final class PluginLoader {

    private static final System.Logger LOG = System.getLogger(PluginLoader.class.getName());

    /** A plugin instance found in a jar, with the loader that must stay open while the plugin runs. */
    record Found(EditorPlugin plugin, Path jar, URLClassLoader loader) {
    }

    /** The plugins found and the problems met, one text per skipped file or provider. */
    record Result(List<Found> plugins, List<String> problems) {
    }

    private PluginLoader() {
    }

    /** Loads every jar in {@code folder} (sorted by file name); a missing folder is a problem, not an error. */
    static Result load(Path folder, ClassLoader parent) {
        List<Found> plugins = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            problems.add("The plugins folder " + folder + " does not exist; no plugins were loaded.");
            return new Result(plugins, problems);
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(folder)) {
            entries = list.sorted().toList();
        } catch (IOException e) {
            problems.add("The plugins folder " + folder + " cannot be read: " + e.getMessage());
            return new Result(plugins, problems);
        }
        for (Path entry : entries) {
            if (!entry.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar")) {
                problems.add("Skipped " + entry.getFileName() + ": not a .jar file.");
            } else if (!Files.isRegularFile(entry)) {
                problems.add("Skipped " + entry.getFileName() + ": not a file.");
            } else {
                loadJar(entry, parent, plugins, problems);
            }
        }
        return new Result(plugins, problems);
    }

    private static void loadJar(Path jar, ClassLoader parent, List<Found> plugins, List<String> problems) {
        String corrupt = checkJar(jar);
        if (corrupt != null) {
            problems.add("Skipped " + jar.getFileName() + ": it is not a valid jar (" + corrupt + ").");
            return;
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()}, parent);
        } catch (MalformedURLException e) {
            problems.add("Skipped " + jar.getFileName() + ": its path cannot be used as a URL (" + e.getMessage() + ").");
            return;
        }
        int before = plugins.size();
        boolean onHostClassPath = false;
        for (ServiceLoader.Provider<EditorPlugin> provider : providers(jar, loader, problems)) {
            if (provider.type().getClassLoader() != loader) {
                onHostClassPath |= jarNames(loader, provider.type());
                continue;
            }
            try {
                plugins.add(new Found(provider.get(), jar, loader));
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "plugin " + provider.type().getName() + " in " + jar, e);
                problems.add("Skipped the plugin " + provider.type().getName() + " in " + jar.getFileName()
                        + ": it cannot be created (" + reason(e) + ").");
            }
        }
        if (plugins.size() == before) {
            problems.add("Skipped " + jar.getFileName() + (onHostClassPath
                    ? ": its plugin classes are already on the host's own class path."
                    : ": it contains no plugin (no usable entry in META-INF/services/"
                    + EditorPlugin.class.getName() + ")."));
            closeQuietly(loader);
        }
    }

    /** Whether the jar itself names {@code type} (a provider the parent loader defined first). */
    private static boolean jarNames(URLClassLoader loader, Class<?> type) {
        return loader.findResource(type.getName().replace('.', '/') + ".class") != null;
    }

    private static List<ServiceLoader.Provider<EditorPlugin>> providers(Path jar, ClassLoader loader,
                                                                       List<String> problems) {
        List<ServiceLoader.Provider<EditorPlugin>> providers = new ArrayList<>();
        var iterator = ServiceLoader.load(EditorPlugin.class, loader).stream().iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    return providers;
                }
                providers.add(iterator.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "plugin provider in " + jar, e);
                problems.add("Skipped a plugin in " + jar.getFileName() + ": " + reason(e) + ".");
                return providers;
            }
        }
    }

    /** Why {@code jar} cannot be read as a jar, or {@code null} when it can. */
    private static String checkJar(Path jar) {
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            file.stream().forEach(entry -> { });
            return null;
        } catch (IOException | SecurityException | IllegalStateException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? text : text + " — " + root.getClass().getSimpleName();
    }

    static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing " + loader.getName(), e);
        }
    }
}
