package dev.stepcast.engine.onnx;

import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.ModelException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Keeps the one model in use loaded: asking for the same folder and provider again returns the loaded model;
 * asking for another closes the old one first (its sessions hold gigabytes of native memory). The cache owns the
 * models it returns: callers do not close them; {@link #close()} does.
 *
 * <p><b>Threads:</b> thread-safe (synchronized). Do not switch models while a generation runs on the old one:
 * closing waits for that generation to end.
 */
public final class ModelCache implements AutoCloseable {

    private Path folder;
    private ExecutionProvider provider;
    private StableDiffusionModel model;

    /** The model of {@code folder} on {@code requested}, loaded on first use, the previous one closed. */
    public synchronized StableDiffusionModel get(Path folder, ExecutionProvider requested) throws ModelException {
        Path key = folder.toAbsolutePath().normalize();
        if (model != null && key.equals(this.folder) && requested == provider) {
            return model;
        }
        close();
        model = StableDiffusionModel.load(key, requested);
        this.folder = key;
        this.provider = Objects.requireNonNull(requested);
        return model;
    }

    /** The loaded model, or {@code null}. */
    public synchronized StableDiffusionModel current() {
        return model;
    }

    /** Closes the loaded model, if any. */
    @Override
    public synchronized void close() {
        if (model != null) {
            model.close();
            model = null;
            folder = null;
            provider = null;
        }
    }
}
