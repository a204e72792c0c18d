package dev.stepcast.engine.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo model written once per test JVM into a temporary cache root (system property {@code stepcast.cache},
 * never the user's home), shared by the demo tests. Thread-safe (synchronized).
 */
final class DemoTestModel {

    private static Path cacheRoot;
    private static Path folder;

    private DemoTestModel() {
    }

    /** A temporary cache root, set as {@code stepcast.cache} for the rest of the JVM. */
    static synchronized Path cacheRoot() {
        if (cacheRoot == null) {
            try {
                cacheRoot = Files.createTempDirectory("stepcast-demo-cache");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            cacheRoot.toFile().deleteOnExit();
            System.setProperty("stepcast.cache", cacheRoot.toString());
        }
        return cacheRoot;
    }

    /** The installed demo model folder (written on the first call). */
    static synchronized Path folder() throws IOException {
        if (folder == null) {
            cacheRoot();
            folder = DemoModel.ensureInstalled(DemoModel.defaultFolder(), p -> { });
        }
        return folder;
    }
}
