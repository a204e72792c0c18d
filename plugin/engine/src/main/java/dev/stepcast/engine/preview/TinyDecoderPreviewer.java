package dev.stepcast.engine.preview;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.platform.Fp16Conversions;
import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.FloatTensor;
import dev.stepcast.engine.GenerationCancelledException;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.io.RgbImages;
import dev.stepcast.engine.onnx.ModelSession;
import dev.stepcast.engine.onnx.TensorSpec;
import dev.stepcast.engine.onnx.TrackedResult;
import dev.stepcast.engine.onnx.TrackedTensor;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Previews with a TAESD-format ONNX decoder ({@code latents [1, 4, h, w] → image [1, 3, 8h, 8w]}): near-VAE quality
 * at a fraction of its cost. Found in a model folder as {@code vae_approx/model.onnx} or chosen by the user.
 *
 * <p>Input scaling: TAESD's latent "scale_factor" is 1 (madebyollin/taesd README; diffusers' {@code AutoencoderTiny}
 * config says {@code scaling_factor: 1.0}), so the decoder reads x0 divided by <em>its own</em> scaling factor, which
 * is 1 for TAESD — not the full VAE's 0.18215. A {@code config.json} beside the decoder with {@code scaling_factor}
 * (as diffusers writes), or ONNX metadata {@code scaling_factor}, overrides it. See {@link DecoderConventions}.
 *
 * <p>Output range: [0, 1] (original TAESD) or [-1, 1] (diffusers {@code AutoencoderTiny}); taken from metadata
 * {@code output_range} or the config's class when declared, otherwise detected from the values (see
 * {@link OutputRange#fromValues}); once [-1, 1] is seen it is kept for this decoder.
 *
 * <p><b>Threads:</b> one thread at a time calls {@link #preview}; {@link #close()} after the last call returns.
 * Every tensor and result is closed in the call that made it; session, tensors and results are the engine's counted
 * types ({@code NativeResources} sees them), and a cancelled token terminates the run in progress.
 */
public final class TinyDecoderPreviewer implements LatentPreviewer {

    private static final System.Logger LOG = System.getLogger(TinyDecoderPreviewer.class.getName());

    private final Path file;
    private final ModelSession session;
    private final String inputName;
    private final String outputName;
    private final boolean fp16Input;
    private final float latentScalingFactor;
    private OutputRange range;
    private final boolean rangeDeclared;
    private boolean closed;

    private TinyDecoderPreviewer(Path file, ModelSession session, DecoderConventions conventions) {
        this.file = file;
        this.session = session;
        TensorSpec input = session.inputs().values().iterator().next();
        this.inputName = input.name();
        this.fp16Input = input.type() == OnnxJavaType.FLOAT16;
        this.outputName = session.outputs().keySet().iterator().next();
        this.latentScalingFactor = conventions.scalingFactor();
        this.range = conventions.range().orElse(OutputRange.ZERO_ONE);
        this.rangeDeclared = conventions.range().isPresent();
    }

    /**
     * Opens a decoder with one CPU thread, so it shares the machine with the running UNet instead of fighting it.
     *
     * @throws ModelException when the file is missing, is not ONNX, or its first input is not a rank-4 float tensor
     */
    public static TinyDecoderPreviewer open(Path onnx) throws ModelException {
        if (!Files.isRegularFile(onnx)) {
            throw new ModelException("Tiny preview decoder not found: " + onnx, onnx);
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            ModelSession session = ModelSession.open(onnx, options);
            try {
                checkInput(onnx, session);
                DecoderConventions conventions = DecoderConventions.of(onnx, session.customMetadata());
                LOG.log(System.Logger.Level.DEBUG, "tiny decoder {0}: {1}", onnx, conventions);
                return new TinyDecoderPreviewer(onnx, session, conventions);
            } catch (ModelException | OrtException | RuntimeException e) {
                session.close();
                throw e;
            }
        } catch (OrtException e) {
            throw new ModelException("Cannot load the tiny preview decoder " + onnx + ": " + e.getMessage(), onnx, e);
        }
    }

    private static void checkInput(Path onnx, ModelSession session) throws ModelException {
        if (session.inputs().size() != 1 || session.outputs().isEmpty()) {
            throw new ModelException(onnx + ": a TAESD-format decoder has one input (latents) and an image output; "
                    + "found inputs " + session.inputs().keySet() + ", outputs " + session.outputs().keySet(), onnx);
        }
        TensorSpec in = session.inputs().values().iterator().next();
        if (in.rank() != 4 || (in.type() != OnnxJavaType.FLOAT && in.type() != OnnxJavaType.FLOAT16)) {
            throw new ModelException(onnx + ": input '" + in.name() + "' should be a float tensor [1, 4, h, w], "
                    + "found " + in.describe(), onnx);
        }
    }

    @Override
    public BufferedImage preview(FloatTensor x0) throws ModelException {
        try {
            return preview(x0, new CancellationToken());
        } catch (GenerationCancelledException e) {
            throw new IllegalStateException("a fresh token cannot be cancelled", e);
        }
    }

    @Override
    public BufferedImage preview(FloatTensor x0, CancellationToken cancel)
            throws ModelException, GenerationCancelledException {
        if (closed) {
            throw new IllegalStateException("tiny decoder " + file + " is closed");
        }
        long[] shape = x0.shape();
        try (OrtSession.RunOptions options = new OrtSession.RunOptions();
             CancellationToken.Registration hook = cancel.onCancel(() -> terminate(options));
             TrackedTensor input = TrackedTensor.of(inputTensor(x0, shape))) {
            cancel.throwIfCancelled();
            try (TrackedResult result = session.run(Map.of(inputName, input.ort()), Map.of(), options)) {
                OnnxTensor output = result.tensor(outputName);
                long[] out = output.getInfo().getShape();
                if (out.length != 4 || out[1] != 3) {
                    throw new ModelException(file + ": output should be an image [1, 3, H, W], found "
                            + Arrays.toString(out), file);
                }
                FloatBuffer rgb = output.getFloatBuffer(); // fp16 outputs are widened by ORT
                if (!rangeDeclared && range == OutputRange.ZERO_ONE) {
                    range = OutputRange.fromValues(rgb);
                }
                return RgbImages.fromPlanes(rgb, (int) out[2], (int) out[3], range.low());
            }
        } catch (OrtException e) {
            cancel.throwIfCancelled();
            throw new ModelException("The tiny preview decoder " + file + " failed on latents "
                    + Arrays.toString(shape) + ": " + e.getMessage(), file, e);
        }
    }

    private static void terminate(OrtSession.RunOptions options) {
        try {
            options.setTerminate(true);
        } catch (OrtException e) {
            LOG.log(System.Logger.Level.DEBUG, "terminate after the decode ended", e);
        }
    }

    private OnnxTensor inputTensor(FloatTensor x0, long[] shape) throws OrtException {
        OrtEnvironment env = dev.stepcast.engine.onnx.OrtEnvironments.get();
        FloatBuffer scaled = FloatBuffer.allocate(x0.size());
        FloatBuffer source = x0.buffer();
        float inverse = 1f / latentScalingFactor;
        for (int i = 0, n = x0.size(); i < n; i++) {
            scaled.put(i, source.get(i) * inverse);
        }
        if (fp16Input) {
            return OnnxTensor.createTensor(env, Fp16Conversions.convertFloatBufferToFp16Buffer(scaled), shape,
                    OnnxJavaType.FLOAT16);
        }
        return OnnxTensor.createTensor(env, scaled, shape);
    }

    /** The output range in use (declared, or detected so far). */
    public OutputRange outputRange() {
        return range;
    }

    /** What x0 is divided by before decoding (1 for TAESD). */
    public float latentScalingFactor() {
        return latentScalingFactor;
    }

    /** The decoder file. */
    public Path file() {
        return file;
    }

    @Override
    public String name() {
        return "tiny decoder";
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        session.close();
    }
}
