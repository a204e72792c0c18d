package dev.stepcast.engine;

import java.nio.file.Path;

/**
 * A problem the user can fix: a missing or corrupt model file, a tensor input the engine does not understand, an
 * unsupported model family. The message is for the user: it names the file or value, what was expected and what was
 * found. The cause (if any) carries the details for the log.
 */
public class ModelException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public ModelException(String message) {
        this(message, null, null);
    }

    public ModelException(String message, Path file) {
        this(message, file, null);
    }

    public ModelException(String message, Path file, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The file the problem is about, or {@code null}. */
    public Path file() {
        return file;
    }
}
