package dev.stepcast.engine.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a crash, a kill or a full disk never leaves a half-written file nor destroys the old one: the
 * content goes to a temporary file in the same folder ({@code .NAME.XXXX.tmp}), is flushed to disk, and is then moved
 * over the target with {@link StandardCopyOption#ATOMIC_MOVE} (plain {@code REPLACE_EXISTING} where the file system
 * has no atomic move). On any failure the temporary file is deleted and the target is unchanged.
 *
 * <pre>{@code
 * AtomicFiles.checkWritable(out);                       // before a long job: one clear line if it cannot work
 * AtomicFiles.write(out, stream -> ImageIO.write(image, "png", stream));
 * AtomicFiles.writeString(json, text);
 * }</pre>
 *
 * <p><b>Threads:</b> stateless; any thread. Two threads writing the same target each write their own temporary file;
 * the last move wins and the file is always one of the two complete contents.
 */
public final class AtomicFiles {

    /** Writes the content to a stream (which it must not close). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** An output path that cannot be written; the message is one line naming the path and why. */
    public static final class NotWritableException extends IOException {
        private static final long serialVersionUID = 1L;

        public NotWritableException(String message) {
            super(message);
        }
    }

    private AtomicFiles() {
    }

    /** Writes {@code bytes} to {@code target} atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Writes {@code text} as UTF-8 to {@code target} atomically. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes what {@code content} produces to {@code target} atomically; creates missing parent folders. The old file
     * stays as it was if anything fails.
     */
    public static void write(Path target, Content content) throws IOException {
        Path file = target.toAbsolutePath();
        Path folder = file.getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, "." + file.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            moveIntoPlace(temp, file);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Moves the finished file {@code temp} (in the same folder) over {@code target}: atomically where the file system
     * can, else with a plain replace.
     */
    public static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Deletes {@code root} and everything under it, deepest first (a folder left by an unfinished copy, a bench's
     * work folder); nothing to do when it does not exist.
     */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Checks, before a long job, that {@link #write} could write {@code target}: it is not a folder, its folder exists
     * or can be created, and a file can be created there (a real probe, so {@code /proc}, read-only mounts and
     * permissions are all caught). Nothing is left behind except folders created on the way.
     *
     * @throws NotWritableException with one line naming {@code target} and the reason
     */
    public static void checkWritable(Path target) throws NotWritableException {
        Path file = target.toAbsolutePath();
        if (Files.isDirectory(file)) {
            throw new NotWritableException(target + " is a folder, not a file name");
        }
        Path folder = file.getParent();
        if (folder == null) {
            throw new NotWritableException(target + " has no folder to write into");
        }
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new NotWritableException("cannot write " + target + ": " + folder + " is a file, not a folder");
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new NotWritableException("cannot write " + target + ": its folder " + folder
                    + " cannot be created (" + reason(e) + ")");
        }
        try {
            Path probe = Files.createTempFile(folder, "." + file.getFileName() + ".", ".probe");
            Files.deleteIfExists(probe);
        } catch (IOException e) {
            throw new NotWritableException("cannot write " + target + ": the folder " + folder
                    + " does not accept new files (" + reason(e) + ")");
        }
    }

    /** A short reason for a file-system failure: "permission denied", the OS's reason, or the exception's message. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
