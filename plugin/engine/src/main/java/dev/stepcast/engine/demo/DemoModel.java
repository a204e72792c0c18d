package dev.stepcast.engine.demo;

import dev.stepcast.engine.CacheFolder;
import dev.stepcast.engine.io.AtomicFiles;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleConsumer;

/**
 * Stepcast's built-in demo model: a small but exact diffusion model of procedural scenes, written on first use as
 * a normal diffusers ONNX folder that the engine loads like any Stable Diffusion folder.
 *
 * <pre>{@code
 * Path folder = DemoModel.ensureInstalled(DemoModel.defaultFolder(), p -> progressBar(p));
 * try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.AUTO)) { ... }
 * }</pre>
 *
 * <p>Scene families a prompt can name: sunset over the sea, mountains by day, night sky with moon and stars, snowy
 * hills, desert dunes, forest, snowy hills at night (keywords such as "sunset", "sea", "mountains", "night", "moon",
 * "snow", "desert", "dunes", "forest", "trees"; words of time and light — "night", "dawn", "dusk", "fog" — steer the
 * mix like the others, so "snowy hills at night" is a moonlit scene).
 *
 * <p><b>Threads:</b> {@link #ensureInstalled} may be called from any thread (a worker, not the EDT: the first call
 * takes seconds); concurrent installs into the same folder are safe (each writes its own temporary sibling and the
 * first atomic move wins; the others use the winner's folder). Partial folders of killed installs are removed after an
 * hour. The progress callback runs on the calling thread.
 */
public final class DemoModel {

    /** What the model picker, the CLI and the README call it. */
    public static final String DISPLAY_NAME = "Demo model (procedural scenes)";

    /** One sentence on how it works. */
    public static final String DESCRIPTION = "A built-in toy diffusion model whose \"UNet\" computes the exact "
            + "denoised image under a Gaussian mixture fitted to procedurally drawn scenes (sunsets over the sea, "
            + "mountains, night skies, snowy hills, desert dunes, forests), so it runs in seconds without "
            + "downloaded weights; choose a real Stable Diffusion ONNX folder for real pictures.";

    /** Version of the written folder; a change makes {@link #defaultFolder()} a new folder. */
    public static final int VERSION = 4;

    /** The file written last into a complete folder; its content is {@link #VERSION}. */
    static final String MARKER = "stepcast-demo-model.version";

    /** A partial folder untouched this long is from a killed install. */
    static final Duration STALE_AFTER = Duration.ofHours(1);

    private static final System.Logger LOG = System.getLogger(DemoModel.class.getName());

    private DemoModel() {
    }

    /**
     * Where the demo model lives: {@code <cache root>/stepcast/demo-model-v<VERSION>} (see {@link CacheFolder}).
     */
    public static Path defaultFolder() {
        return CacheFolder.stepcast().resolve("demo-model-v" + VERSION);
    }

    /** Whether {@code folder} holds a complete demo model of this version. */
    public static boolean isInstalled(Path folder) {
        Path marker = folder.resolve(MARKER);
        try {
            return Files.isRegularFile(marker)
                    && Files.readString(marker, StandardCharsets.UTF_8).trim().equals(String.valueOf(VERSION));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Returns {@code folder} holding a complete demo model, writing it first if needed (about ten seconds on two
     * cores; progress in [0, 1]). It is written into a temporary sibling and moved into place atomically, so an
     * interrupted install leaves no half-written model; a folder without the completion marker is replaced.
     *
     * @throws IOException if the folder cannot be written (the message names it)
     */
    public static Path ensureInstalled(Path folder, DoubleConsumer progress) throws IOException {
        Path target = folder.toAbsolutePath();
        if (isInstalled(target)) {
            removeStalePartials(target.getParent());
            progress.accept(1);
            return target;
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        removeStalePartials(parent);
        Path temp = Files.createTempDirectory(parent, target.getFileName() + ".partial-");
        try {
            long start = System.nanoTime();
            new DemoModelWriter().write(temp, progress);
            Files.writeString(temp.resolve(MARKER), VERSION + "\n", StandardCharsets.UTF_8);
            if (Files.exists(target) && !isInstalled(target)) {
                LOG.log(Level.INFO, "Replacing incomplete demo model folder {0}", target);
                AtomicFiles.deleteTree(target);
            }
            moveIntoPlace(temp, target);
            LOG.log(Level.INFO, "Wrote the demo model to {0} in {1} ms", target, (System.nanoTime() - start) / 1_000_000);
            return target;
        } catch (IOException | RuntimeException e) {
            throw new IOException("Could not write the demo model to " + target + ": " + e.getMessage(), e);
        } finally {
            if (Files.exists(temp)) {
                AtomicFiles.deleteTree(temp);
            }
        }
    }

    static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            try {
                Files.move(temp, target);
            } catch (FileSystemException lost) {
                lostTheRace(target, lost);
            }
        } catch (FileSystemException e) {
            // FileAlreadyExists / DirectoryNotEmpty, or on Linux a plain FileSystemException "Directory not empty"
            lostTheRace(target, e);
        }
    }

    /** Another install finished first when the target is now complete: use its folder (ours is deleted). */
    private static void lostTheRace(Path target, FileSystemException e) throws FileSystemException {
        if (!isInstalled(target)) {
            throw e; // someone else's half-written folder appeared between our check and the move, or a real error
        }
        LOG.log(Level.INFO, "Another install of the demo model finished first; using {0}", target);
    }

    /**
     * Deletes {@code demo-model-v*.partial-*} folders in {@code parent} untouched for {@link #STALE_AFTER} (an install
     * takes seconds; an older one was killed). Failures are only logged.
     */
    static void removeStalePartials(Path parent) {
        Instant limit = Instant.now().minus(STALE_AFTER);
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(parent, "demo-model-v*.partial-*")) {
            for (Path partial : partials) {
                try {
                    if (Files.isDirectory(partial, LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(partial).toInstant().isBefore(limit)) {
                        LOG.log(Level.INFO, "Removing a stale partial demo model folder {0}", partial);
                        AtomicFiles.deleteTree(partial);
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.WARNING, "Cannot remove the stale folder " + partial, e);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot list " + parent + " for stale partial demo model folders", e);
        }
    }
}
