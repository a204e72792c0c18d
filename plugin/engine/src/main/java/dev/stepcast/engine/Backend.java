package dev.stepcast.engine;

import java.util.List;
import java.util.Optional;

/**
 * A place a generation runs: this computer's ONNX Runtime engine ({@link LocalBackend}) or a server the painter
 * already runs (SD.Next/A1111 through the sdapi, SD.Next's v2 jobs, ComfyUI). Everything above the engine — the
 * panel's worker, the preview policy, history, PNG parameters, the CLI — talks to this interface only.
 *
 * <p>Step events from a backend carry either latents ({@link StepEvent#predictedX0()}, local: previews are decoded
 * as before) or an already-encoded preview image from the server ({@link StepEvent#preview()}, decoded by the
 * receiver off the EDT, latest wins), or neither (progress only). A backend asks {@link StepListener#wantsPreview}
 * before it makes a server encode a preview, so an unfocused client costs the server nothing.
 *
 * <p><b>Threads:</b> implementations are thread-safe. {@link #generate} blocks the calling thread (never the EDT)
 * and runs one generation at a time per backend; {@link CancellationToken#cancel()} may be called from any thread
 * and makes a remote backend send the server's interrupt.
 */
public interface Backend extends AutoCloseable {

    /** One line for users saying what this is and where it runs, e.g. "ComfyUI 0.3 at gpu-box:8188" or "CPU". */
    String describe();

    /**
     * The models this backend can run: the loaded folder's name for the local engine, the server's checkpoints for
     * a server. A request names one in {@link GenerationRequest#checkpoint()} (null: the backend's current one).
     */
    List<String> checkpoints() throws ModelException;

    /** The sampler names the backend accepts, as the user should see them. */
    List<String> samplers() throws ModelException;

    /**
     * Runs a request with step events to {@code listener} (on the calling thread or the backend's own; never the
     * EDT) and returns the finished image.
     *
     * @throws GenerationCancelledException when {@code cancel} was cancelled
     * @throws ModelException               a message for the user (a missing file, an unreachable server naming its
     *                                      URL, the server's own error text); details are logged
     */
    GenerationResult generate(GenerationRequest request, StepListener listener, CancellationToken cancel)
            throws ModelException, GenerationCancelledException;

    /**
     * The noise source this backend draws from when a request asks for {@code requested}: the same one (this
     * computer; a server told to use it), another (ComfyUI's KSampler always draws CPU torch noise), or empty when
     * the server uses its own generator, which no request can choose. Answers at once, without the network (the panel
     * asks on the EDT, for a PNG's {@code RNG} and a notice).
     */
    default Optional<NoiseSource> noiseSource(NoiseSource requested) {
        return Optional.of(requested);
    }

    /** Frees what the backend holds (sessions, connections). Idempotent. */
    @Override
    void close();
}
