package dev.stepcast.engine.onnx;

import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.FloatTensor;
import dev.stepcast.engine.GenerationCancelledException;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.GenerationResult;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.ModelInfo;
import dev.stepcast.engine.ProviderReport;
import dev.stepcast.engine.StepListener;
import dev.stepcast.engine.text.ClipTokenizer;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A Stable Diffusion model folder (diffusers ONNX layout) loaded into ONNX Runtime sessions, ready to generate.
 *
 * <pre>{@code
 * try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.AUTO)) {
 *     GenerationResult r = model.generate(GenerationRequest.txt2img("a cat", "", 512, 512, 20, 7.5f, 42),
 *             StepListener.NONE, new CancellationToken());
 * }
 * }</pre>
 *
 * <p><b>Threads:</b> {@link #generate} may be called from any thread; runs are serialised (one generation at a time
 * per model; a second caller waits). {@link #decodeLatents} may run on other threads concurrently with a
 * generation (ORT sessions allow concurrent runs). Generations and decodes hold the read side of a lifetime lock that
 * {@link #close()} takes for writing, so no session is closed while anything runs on it: close terminates decodes in
 * progress, then waits for them and for a running generation to end (cancel that first).
 */
public final class StableDiffusionModel implements AutoCloseable {

    private final LoadedModel loaded;
    private final ReentrantLock runLock = new ReentrantLock();
    private final ReentrantReadWriteLock lifetime = new ReentrantReadWriteLock();
    /** Cancelled when {@link #close()} starts: terminates the decodes in progress. */
    private final CancellationToken closing = new CancellationToken();
    /** Tests: runs inside every decode, with the lifetime read lock held, before the VAE session runs. */
    volatile Runnable decodeHook = () -> { };
    private volatile boolean closed;

    private StableDiffusionModel(LoadedModel loaded) {
        this.loaded = loaded;
    }

    /**
     * Loads {@code folder} on {@code requested} (AUTO: the best provider this ONNX Runtime offers); an accelerator
     * that fails to start falls back to the CPU, and {@link #provider()} says why.
     *
     * @throws ModelException naming the file when the folder is incomplete, a file is corrupt, a model input is not
     *                        understood, or an SDXL folder lacks one of its two encoders or tokenizers
     */
    public static StableDiffusionModel load(Path folder, ExecutionProvider requested) throws ModelException {
        return new StableDiffusionModel(LoadedModel.load(folder, requested));
    }

    /** What the model is (family, scaling factor, default scheduler, preview helpers). */
    public ModelInfo info() {
        return loaded.info();
    }

    /** Which provider was requested, which one runs, and why. */
    public ProviderReport provider() {
        return loaded.provider();
    }

    /** The model's tokenizer (thread-safe; the UI counts tokens with it). */
    public ClipTokenizer tokenizer() {
        return loaded.tokenizer();
    }

    /**
     * Runs the whole pipeline: text encoding, denoising with step events, VAE decode.
     *
     * @param listener told after every step, on this thread
     * @param cancel   checked between steps; cancelling also terminates the ONNX Runtime call in progress
     * @throws GenerationCancelledException when {@code cancel} was cancelled (all native resources are freed)
     * @throws ModelException               when the model cannot run the request (message for the user)
     */
    public GenerationResult generate(GenerationRequest request, StepListener listener, CancellationToken cancel)
            throws ModelException, GenerationCancelledException {
        runLock.lock();
        lifetime.readLock().lock();
        try {
            checkOpen();
            return loaded.generate(request, listener == null ? StepListener.NONE : listener,
                    cancel == null ? new CancellationToken() : cancel);
        } finally {
            lifetime.readLock().unlock();
            runLock.unlock();
        }
    }

    /**
     * Why this model cannot generate {@code width × height} pixels (one line for the user, naming the nearest sizes
     * that work), or empty when it can. The first call probes the UNet once on tiny latents (milliseconds to a
     * fraction of a second); later calls are arithmetic. Thread: any (the probe holds the lifetime read lock, so a
     * concurrent {@link #close()} waits for it).
     *
     * @throws IllegalStateException when the model is closed
     */
    public Optional<String> sizeProblem(int width, int height) {
        lifetime.readLock().lock();
        try {
            checkOpen();
            return loaded.unet().sizeProblem(width, height);
        } finally {
            lifetime.readLock().unlock();
        }
    }

    /**
     * The {@linkplain #pixelMultiple() pixel multiple} if the UNet was probed already, else empty; never probes, so
     * it is safe on the EDT. Thread: any.
     */
    public java.util.OptionalInt knownPixelMultiple() {
        java.util.OptionalInt latent = loaded.unet().knownLatentMultiple();
        return latent.isPresent() ? java.util.OptionalInt.of(latent.getAsInt() * 8) : java.util.OptionalInt.empty();
    }

    /**
     * The pixel multiple every image side must be (8 × the UNet's {@linkplain UnetModel#latentMultiple latent
     * multiple}: 64 for SD's UNet, 8 for one that does not down-sample). The first call probes the UNet (call it off
     * the EDT: the panel's loader does, right after loading); later calls read a field. Thread: any.
     *
     * @throws IllegalStateException when the model is closed
     */
    public int pixelMultiple() {
        lifetime.readLock().lock();
        try {
            checkOpen();
            return loaded.unet().latentMultiple() * 8;
        } finally {
            lifetime.readLock().unlock();
        }
    }

    /**
     * Decodes latents {@code [1, C, h, w]} (UNet scaling, e.g. a step's predicted x0) with the full VAE into a
     * {@code 8w × 8h} TYPE_INT_RGB image. Thread: any, also while a generation runs.
     */
    public BufferedImage decodeLatents(FloatTensor latents) throws ModelException {
        try {
            return decodeLatents(latents, new CancellationToken());
        } catch (GenerationCancelledException e) {
            throw new ModelException("The VAE decode of " + info().folder() + " was stopped because the model was "
                    + "closed", info().folder(), e);
        }
    }

    /**
     * Decodes like {@link #decodeLatents(FloatTensor)}; cancelling {@code cancel} (or closing the model) terminates
     * the ONNX Runtime run in progress. Thread: any, also while a generation runs.
     *
     * @throws GenerationCancelledException when {@code cancel} was cancelled or the model is being closed
     */
    public BufferedImage decodeLatents(FloatTensor latents, CancellationToken cancel)
            throws ModelException, GenerationCancelledException {
        lifetime.readLock().lock();
        try {
            closing.throwIfCancelled();
            checkOpen();
            decodeHook.run();
            return loaded.decodeLatents(latents, cancel, closing);
        } finally {
            lifetime.readLock().unlock();
        }
    }

    /** The second (SDXL) tokenizer, or {@code null} (tests check its padding). */
    ClipTokenizer tokenizer2() {
        return loaded.tokenizer2();
    }

    /** UNet session runs since load (tests count them to check guidance batching). */
    long unetRunCount() {
        return loaded.unet().runCount();
    }

    /** The UNet session and its input specs (the bench's bare loop calls it without the pipeline around it). */
    public UnetModel unet() {
        return loaded.unet();
    }

    /** The text encoder's hidden size (the width of the embedding the UNet takes). */
    public long textEncoderHiddenSize() {
        return loaded.textEncoderHiddenSize();
    }

    /**
     * Closes every session: terminates decodes in progress, waits for them and for a running generation to end (the
     * lifetime lock's write side), then closes. Idempotent.
     */
    @Override
    public void close() {
        closing.cancel();
        lifetime.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                loaded.close();
            }
        } finally {
            lifetime.writeLock().unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("model " + info().folder() + " is closed");
        }
    }
}
