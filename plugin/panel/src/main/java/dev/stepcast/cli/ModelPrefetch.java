package dev.stepcast.cli;

import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.demo.DemoModel;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts loading the model of a {@code generate} command line while picocli is still building its model of the
 * command. In a fresh JVM picocli's first {@code CommandLine} costs about 0.2 s before any option is known (its
 * class loading and built-in converters; the class-load timeline of one cold {@code generate} shows it); the model's
 * configs and ONNX Runtime sessions take about as long, so on two cores the two overlap instead of following each
 * other.
 *
 * <p>The command line is only glanced at: {@code generate} first, then {@code --model DIR} (or the demo model when
 * it is already installed) and {@code --provider NAME}, in either the {@code --opt value} or {@code --opt=value}
 * form. Anything this glance cannot be sure of — {@code --server}, an {@code @file} of arguments, a folder that does
 * not exist, an unknown provider — starts nothing, and {@code generate} loads as it always did. {@link #take} hands
 * over the prefetched model only when picocli's parse names the same folder and provider; a load that failed
 * rethrows its own {@link ModelException}, so the message is the one a direct load gives.
 *
 * <p><b>Threads:</b> {@link #start} and {@link #take}/{@link #discard} are called from the main thread; the load
 * runs on one daemon thread, "stepcast-prefetch", and is handed over through a {@link CompletableFuture} held in an
 * {@link AtomicReference}, so a prefetched model has exactly one owner: whoever takes it, or {@link #discard}.
 */
final class ModelPrefetch {

    private static final System.Logger LOG = System.getLogger(ModelPrefetch.class.getName());
    private static final AtomicReference<Pending> PENDING = new AtomicReference<>();

    /** {@code given} as the command line spells it (messages name it so); {@code folder} normalised, to compare. */
    private record Pending(Path given, Path folder, ExecutionProvider provider,
                           CompletableFuture<StableDiffusionModel> model) {
    }

    private ModelPrefetch() {
    }

    /** Starts the load if {@code args} clearly name a local {@code generate}; returns at once. */
    static void start(String[] args) {
        Optional<Pending> pending = plan(args);
        pending.ifPresent(p -> {
            if (PENDING.compareAndSet(null, p)) {
                Thread thread = new Thread(() -> load(p), "stepcast-prefetch");
                thread.setDaemon(true);
                thread.start();
            }
        });
    }

    /**
     * The prefetched model if it was loaded from {@code folder} with {@code provider}; empty (and the prefetched
     * model, if any, closed) otherwise. Waits for a load still running.
     *
     * @throws ModelException the prefetched load's own failure
     */
    static Optional<StableDiffusionModel> take(Path folder, ExecutionProvider provider) throws ModelException {
        Pending p = PENDING.getAndSet(null);
        if (p == null) {
            return Optional.empty();
        }
        if (!p.folder().equals(normalise(folder)) || p.provider() != provider) {
            closeWhenDone(p);
            return Optional.empty();
        }
        try {
            return Optional.of(p.model().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeWhenDone(p);
            return Optional.empty();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ModelException m) {
                throw m;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Closes a prefetched model nobody took (e.g. the command stopped at a bad argument). */
    static void discard() {
        Pending p = PENDING.getAndSet(null);
        if (p != null) {
            closeWhenDone(p);
        }
    }

    /** What {@link #start} would load for {@code args}, if anything (visible for tests). */
    static Optional<Path> plannedFolder(String[] args) {
        return plan(args).map(Pending::folder);
    }

    private static Optional<Pending> plan(String[] args) {
        if (args.length == 0 || !"generate".equals(args[0])) {
            return Optional.empty();
        }
        String model = null;
        String provider = "auto";
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("@") || a.equals("--server") || a.startsWith("--server=") || a.equals("--")) {
                return Optional.empty();
            }
            if (a.equals("--model") || a.equals("--provider")) {
                if (i + 1 >= args.length) {
                    return Optional.empty();
                }
                String value = args[++i];
                if (a.equals("--model")) {
                    model = value;
                } else {
                    provider = value;
                }
            } else if (a.startsWith("--model=")) {
                model = a.substring("--model=".length());
            } else if (a.startsWith("--provider=")) {
                provider = a.substring("--provider=".length());
            }
        }
        Optional<ExecutionProvider> requested = ExecutionProvider.parse(provider);
        if (requested.isEmpty()) {
            return Optional.empty();
        }
        Path folder;
        try {
            folder = model != null ? Path.of(model) : DemoModel.defaultFolder();
        } catch (InvalidPathException | IllegalStateException e) {
            return Optional.empty();
        }
        boolean ready = model != null ? Files.isDirectory(folder) : DemoModel.isInstalled(folder);
        return ready ? Optional.of(new Pending(folder, normalise(folder), requested.get(), new CompletableFuture<>()))
                : Optional.empty();
    }

    private static void load(Pending p) {
        try {
            p.model().complete(StableDiffusionModel.load(p.given(), p.provider()));
        } catch (Throwable t) {
            p.model().completeExceptionally(t);
        }
    }

    private static void closeWhenDone(Pending p) {
        p.model().whenComplete((model, failure) -> {
            if (model != null) {
                model.close();
            } else if (failure != null) {
                LOG.log(System.Logger.Level.DEBUG, "unused prefetch of " + p.folder() + " failed", failure);
            }
        });
    }

    private static Path normalise(Path folder) {
        return folder.toAbsolutePath().normalize();
    }
}
