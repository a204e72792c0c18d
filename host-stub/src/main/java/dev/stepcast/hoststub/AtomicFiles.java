package dev.stepcast.hoststub;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The host stub's own atomic file writes (it never imports the engine, which has the plugin's equivalent): content
 * goes to a temporary file in the target's folder, is flushed to disk, then moved over the target with
 * {@code ATOMIC_MOVE} (plain {@code REPLACE_EXISTING} where the file system cannot). A failure deletes the temporary
 * file and leaves the old target unchanged.
 *
 * <p><b>Threads:</b> stateless; any thread.
 */
final class AtomicFiles {

    /** Writes the content to a stream (which it must not close). */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes the content into a given (temporary) file, for libraries that only write to a file. */
    @FunctionalInterface
    interface FileContent {
        void writeTo(Path temp) throws Exception;
    }

    private AtomicFiles() {
    }

    /** Writes what {@code content} produces to {@code target} atomically; its folder must exist. */
    static void write(Path target, Content content) throws IOException {
        writeVia(target, temp -> {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
        });
    }

    /**
     * Lets {@code content} write a temporary file in the target's folder, then moves it over {@code target}.
     * A checked exception other than {@link IOException} is wrapped in one.
     */
    static void writeVia(Path target, FileContent content) throws IOException {
        Path file = target.toAbsolutePath();
        Path folder = file.getParent();
        Path temp = Files.createTempFile(folder, "." + file.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            content.writeTo(temp);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
