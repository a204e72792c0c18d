package dev.stepcast.engine;

import java.nio.file.Path;

/**
 * Where Stepcast keeps files it can recreate (the demo model, logs): {@code <cache root>/stepcast}, the cache root
 * being the system property {@value #PROPERTY} if set, else {@code $XDG_CACHE_HOME} if set and absolute, else
 * {@code ~/.cache}. Nothing here is created; callers create what they write.
 *
 * <p><b>Threads:</b> stateless; safe from any thread.
 */
public final class CacheFolder {

    /** The system property that overrides the cache root (tests point it at a temporary folder). */
    public static final String PROPERTY = "stepcast.cache";

    private CacheFolder() {
    }

    /** {@code <cache root>/stepcast}. */
    public static Path stepcast() {
        String property = System.getProperty(PROPERTY);
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path root;
        if (property != null && !property.isBlank()) {
            root = Path.of(property);
        } else if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            root = Path.of(xdg);
        } else {
            root = Path.of(System.getProperty("user.home"), ".cache");
        }
        return root.resolve("stepcast");
    }
}
