package dev.stepcast.engine.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.stepcast.engine.ModelException;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * The VAE halves: the decoder ({@code latent_sample [1, C, h, w]} → {@code sample [1, 3, 8h, 8w]} in [-1, 1]) and the
 * encoder ({@code sample} → {@code latent_sample}, or {@code latent_parameters} = mean ‖ log-variance along the
 * channel axis, of which the mean is taken). Latents here are VAE latents: the UNet's latents ÷ scaling factor.
 * One image per call (batch 1), float32 or float16 as the session declares.
 *
 * <p><b>Threads:</b> safe to call from several threads at once (each call makes its own buffers and tensors).
 */
public final class VaeModels {

    private VaeModels() {
    }

    /** Runs {@code session} on one float input; returns its first output (or {@code outputName}) as floats. */
    static float[] runSingle(OrtEnvironment env, ModelSession session, String inputName, float[] values, long[] shape,
                             String outputName, OrtSession.RunOptions options) throws ModelException, OrtException {
        TensorSpec in = session.input(inputName).orElseThrow(() -> new ModelException(session.file()
                + ": missing input '" + inputName + "' (found " + session.inputs().keySet() + ")", session.file()));
        if (!in.isFloating() || in.rank() != shape.length) {
            throw new ModelException(session.file() + ": input '" + inputName + "' is " + in.describe()
                    + "; expected float32/float16 of rank " + shape.length, session.file());
        }
        FloatStaging staging = new FloatStaging(env, in.type(), values.length);
        staging.write(0, values, 0, values.length);
        try (TrackedTensor tensor = staging.tensor(shape);
             TrackedResult result = session.run(Map.<String, OnnxTensor>of(inputName, tensor.ort()), Map.of(),
                     options)) {
            FloatBuffer out = result.floats(outputName);
            if (out.hasArray() && out.arrayOffset() == 0 && out.position() == 0
                    && out.remaining() == out.array().length) {
                return out.array(); // a fresh heap buffer of its own (TrackedResult.floats): no second copy
            }
            float[] array = new float[out.remaining()];
            out.get(array);
            return array;
        }
    }

    /** Decodes VAE latents {@code [1, C, h, w]} to an image {@code [1, 3, 8h, 8w]} in [-1, 1] (not clamped). */
    public static float[] decode(OrtEnvironment env, ModelSession decoder, float[] vaeLatents, long[] shape,
                                 OrtSession.RunOptions options) throws ModelException, OrtException {
        String out = decoder.output("sample").map(TensorSpec::name)
                .orElse(decoder.outputs().keySet().iterator().next());
        return runSingle(env, decoder, "latent_sample", vaeLatents, shape, out, options);
    }

    /** Encodes an image {@code [1, 3, H, W]} in [-1, 1] to VAE latents {@code [1, C, H/8, W/8]} (the mean). */
    public static float[] encode(OrtEnvironment env, ModelSession encoder, float[] image, long[] shape, int channels,
                                 OrtSession.RunOptions options) throws ModelException, OrtException {
        boolean parameters = encoder.output("latent_sample").isEmpty() && encoder.output("latent_parameters").isPresent();
        String out = parameters ? "latent_parameters"
                : encoder.output("latent_sample").map(TensorSpec::name).orElseThrow(() -> new ModelException(
                        encoder.file() + ": expected output 'latent_sample' or 'latent_parameters', found "
                                + encoder.outputs().keySet(), encoder.file()));
        float[] latents = runSingle(env, encoder, "sample", image, shape, out, options);
        int perChannel = (int) (shape[2] / 8 * (shape[3] / 8));
        int expected = channels * perChannel;
        if (parameters && latents.length == 2 * expected) {
            // mean ‖ logvar along channels (diffusers' DiagonalGaussianDistribution): the first C channels are the mean.
            float[] mean = new float[expected];
            System.arraycopy(latents, 0, mean, 0, expected);
            return mean;
        }
        if (latents.length != expected) {
            throw new ModelException(encoder.file() + ": output '" + out + "' has " + latents.length
                    + " values; expected " + (parameters ? 2 * expected : expected) + " for [1, " + channels + ", "
                    + shape[2] / 8 + ", " + shape[3] / 8 + "]", encoder.file());
        }
        return latents;
    }
}
