package dev.stepcast.panel;

import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.onnx.ModelCache;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.demo.DemoModel;
import dev.stepcast.panel.parts.ModelChoice;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import javax.swing.SwingWorker;

/**
 * Loads the model the user picked, in the background, and keeps exactly one loaded (the engine's {@link ModelCache}
 * closes the old one before loading another). The demo model is written to its cache folder on first use
 * ({@link DemoModel#ensureInstalled}). A folder that is not a usable model is explained in words
 * ({@link ModelException}'s message names the file and what is wrong).
 *
 * <p><b>Threads:</b> {@link #load}, {@link #current()} and {@link #close()} on the EDT; loading runs on this
 * session's own thread ("stepcast-model-loader"), one load at a time; listener calls arrive on the EDT.
 */
public final class ModelLoader implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ModelLoader.class.getName());

    /** Told about loading, on the EDT. */
    public interface Listener {
        /** A load started or progressed ({@code status} e.g. "Preparing the demo model… 40 %"). */
        void loading(ModelChoice choice, String status);

        /** The model is loaded and current. */
        void loaded(ModelChoice choice, StableDiffusionModel model);

        /** Loading failed; no model is current. */
        void failed(ModelChoice choice, String userMessage);
    }

    private final ModelCache cache = new ModelCache();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stepcast-model-loader");
        t.setDaemon(true);
        return t;
    });
    private final Listener listener;
    private StableDiffusionModel current;
    private ModelChoice currentChoice;
    private int generation;

    public ModelLoader(Listener listener) {
        this.listener = listener;
    }

    /** The loaded model, or {@code null} while none is (or one is loading). */
    public StableDiffusionModel current() {
        return current;
    }

    /** The choice of the loaded (or loading) model. */
    public ModelChoice currentChoice() {
        return currentChoice;
    }

    /** Starts loading {@code choice} on {@code provider}; the current model is unusable until it ends. */
    public void load(ModelChoice choice, ExecutionProvider provider) {
        int ticket = ++generation;
        current = null;
        currentChoice = choice;
        listener.loading(choice, choice.isDemo() ? "Preparing the demo model…" : "Loading " + choice.label() + "…");
        SwingWorker<StableDiffusionModel, String> worker = new SwingWorker<>() {
            @Override
            protected StableDiffusionModel doInBackground() throws Exception {
                Path folder = choice.isDemo()
                        ? DemoModel.ensureInstalled(DemoModel.defaultFolder(),
                                p -> publish(String.format("Preparing the demo model… %d %%", Math.round(p * 100))))
                        : checkFolder(choice.folder());
                publish("Loading " + (choice.isDemo() ? DemoModel.DISPLAY_NAME : folder.getFileName()) + "…");
                // ready as soon as its sessions exist: the UNet's size probe runs after, see probePixelMultiple
                return cache.get(folder, provider);
            }

            @Override
            protected void process(List<String> chunks) {
                if (ticket == generation) {
                    listener.loading(choice, chunks.get(chunks.size() - 1));
                }
            }

            @Override
            protected void done() {
                if (ticket != generation) {
                    return;
                }
                try {
                    current = get();
                    listener.loaded(choice, current);
                } catch (ExecutionException e) {
                    listener.failed(choice, explain(choice, e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        executor.execute(worker);
    }

    /**
     * Finds {@code model}'s pixel multiple on the loader's thread (the first call runs the UNet on tiny latents: a
     * fraction of a second for a real model, so it does not hold back Generate) and hands it to {@code onEdt} on
     * the EDT, unless another model was loaded meanwhile or this one was closed.
     */
    public void probePixelMultiple(StableDiffusionModel model, java.util.function.IntConsumer onEdt) {
        executor.execute(() -> {
            int multiple;
            try {
                multiple = model.pixelMultiple();
            } catch (IllegalStateException closed) {
                return; // replaced and closed before the probe ran
            }
            javax.swing.SwingUtilities.invokeLater(() -> {
                if (current == model) {
                    onEdt.accept(multiple);
                }
            });
        });
    }

    private static Path checkFolder(Path folder) throws ModelException {
        if (!Files.isDirectory(folder)) {
            throw new ModelException("The folder " + folder + " does not exist (moved or deleted?).", folder);
        }
        if (!Files.isRegularFile(folder.resolve("model_index.json"))) {
            Optional<Path> checkpoint = checkpointIn(folder);
            if (checkpoint.isPresent()) {
                throw new ModelException(convertAdvice(folder, checkpoint.get()), folder);
            }
            throw new ModelException("The folder " + folder + " is not a diffusers ONNX model: it has no "
                    + "model_index.json. Choose the folder that holds model_index.json, unet/, text_encoder/ and "
                    + "vae_decoder/ (e.g. one exported with Optimum).", folder);
        }
        return folder;
    }

    /** A single-file checkpoint (.safetensors or .ckpt) directly in {@code folder}, if any. */
    static Optional<Path> checkpointIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.endsWith(".safetensors") || name.endsWith(".ckpt");
            }).sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** What to do with a checkpoint file: convert it to the diffusers ONNX layout with Optimum, and how. */
    static String convertAdvice(Path folder, Path checkpoint) {
        return checkpoint.getFileName() + " in " + folder + " is a single-file checkpoint, but Stepcast needs the "
                + "diffusers ONNX layout (model_index.json, unet/model.onnx, …). Convert it once with Optimum: "
                + "optimum-cli export onnx --model <the model as a diffusers folder> --task stable-diffusion "
                + "<output folder> (a single file is first saved as a diffusers folder, e.g. with diffusers' "
                + "from_single_file and save_pretrained), then open the output folder here.";
    }

    static String explain(ModelChoice choice, Throwable cause) {
        if (cause instanceof ModelException m) {
            return m.getMessage();
        }
        LOG.log(Level.WARNING, "Could not load " + choice, cause);
        if (cause instanceof IOException io) {
            return "Could not prepare " + choice.label() + ": " + io.getMessage();
        }
        return "Could not load " + choice.label() + ": " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " — " + cause.getMessage());
    }

    /** Closes the loaded model and the loader thread. Do not call while a generation runs on the model. */
    @Override
    public void close() {
        generation++;
        current = null;
        executor.execute(cache::close);
        executor.shutdown();
    }
}
