package dev.stepcast.engine.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The UNet calls of one generation, with classifier-free guidance. Every buffer and tensor is made once, when the run
 * begins: latents, timestep, text embeddings, guidance embedding and the (pinned) output live in direct buffers that
 * ORT reads and writes in place, so a step only writes the new latents and timestep and runs the session.
 *
 * <p>Guidance as diffusers' ONNX pipeline does it, unconditional first: with a batch-capable UNet (batch axis
 * dynamic or fixed 2) one run on {@code [uncond, cond]}; with batch fixed at 1 two runs; without guidance
 * ({@code uncond == null}) one run on the conditional embedding only. Added per-image inputs (SDXL's
 * {@code text_embeds} and {@code time_ids}, {@link Added}) are batched the same way: unconditional row first.
 *
 * <p><b>Threads:</b> one generation thread; close it on that thread after the last step (try-with-resources).
 */
public final class UnetRun implements AutoCloseable {

    private final UnetModel unet;
    private final OrtSession.RunOptions runOptions;
    private final float guidanceScale;
    private final boolean cfg;
    private final int runBatch;
    private final int n;
    private final int sampleN;
    private final FloatStaging sample;
    private final FloatStaging output;
    private final FloatStaging floatTimestep;
    private final ByteBuffer intTimestep;
    private final int timestepCount;
    private final float[] scratch;
    private final float[] one = new float[1];
    private final List<TrackedTensor> tensors = new ArrayList<>();
    private final Map<String, OnnxTensor> condInputs = new HashMap<>();
    private final Map<String, OnnxTensor> uncondInputs = new HashMap<>();
    private final Map<String, OnnxTensor> pinned;
    private long calls;

    /**
     * One more per-image UNet input {@code [batch, values]} (SDXL's {@code text_embeds}, {@code time_ids}), with the
     * row for the conditional pass and the row for the unconditional pass ({@code null} without guidance).
     */
    public record Added(String name, float[] cond, float[] uncond) {
    }

    public UnetRun(OrtEnvironment env, UnetModel unet, long[] latentShape, float[] cond, float[] uncond, int seq,
                   float guidanceScale, float[] guidanceEmbed, OrtSession.RunOptions runOptions) throws OrtException {
        this(env, unet, latentShape, cond, uncond, seq, guidanceScale, guidanceEmbed, null, List.of(), runOptions);
    }

    /**
     * A run whose UNet takes more input channels than it predicts: an inpainting UNet's {@code sample} is
     * {@code [latents, extra]} along the channel axis, {@code extra} (the mask and the masked image's latents,
     * {@code [1, E, h, w]} flat) the same for every step and both halves of the guidance batch.
     *
     * @param extraChannels the channels after the latents, or {@code null} for a plain UNet
     */
    public UnetRun(OrtEnvironment env, UnetModel unet, long[] latentShape, float[] cond, float[] uncond, int seq,
                   float guidanceScale, float[] guidanceEmbed, float[] extraChannels,
                   OrtSession.RunOptions runOptions) throws OrtException {
        this(env, unet, latentShape, cond, uncond, seq, guidanceScale, guidanceEmbed, extraChannels, List.of(),
                runOptions);
    }

    /**
     * @param latentShape   {@code [1, C, h, w]} of one image's latents
     * @param cond          the prompt's text embedding {@code [1, seq, hidden]} flat
     * @param uncond        the negative prompt's embedding (same shape), or {@code null} to skip guidance
     * @param guidanceEmbed the {@code timestep_cond} embedding (LCM), or {@code null}
     * @param extraChannels inpainting UNets: the channels after the latents, or {@code null} for a plain UNet
     * @param added         further per-image inputs (SDXL), each in the element type its input declares
     */
    public UnetRun(OrtEnvironment env, UnetModel unet, long[] latentShape, float[] cond, float[] uncond, int seq,
                   float guidanceScale, float[] guidanceEmbed, float[] extraChannels, List<Added> added,
                   OrtSession.RunOptions runOptions) throws OrtException {
        this.unet = unet;
        this.runOptions = runOptions;
        this.guidanceScale = guidanceScale;
        this.cfg = uncond != null;
        this.runBatch = (cfg ? unet.acceptsBatchOfTwo() : unet.requiresBatchOfTwo()) ? 2 : 1;
        this.n = (int) (latentShape[1] * latentShape[2] * latentShape[3]);
        this.scratch = new float[n];
        int extra = extraChannels == null ? 0 : extraChannels.length;
        this.sampleN = n + extra;
        long plane = latentShape[2] * latentShape[3];
        long[] runShape = {runBatch, latentShape[1], latentShape[2], latentShape[3]};
        long[] sampleShape = {runBatch, latentShape[1] + extra / plane, latentShape[2], latentShape[3]};
        try {
            sample = new FloatStaging(env, unet.sample().type(), runBatch * sampleN);
            output = new FloatStaging(env, unet.session().outputs().get(unet.outputName()).type(), runBatch * n);
            put("sample", sample.tensor(sampleShape), true);
            for (int b = 0; b < runBatch && extra > 0; b++) {
                sample.write(b * sampleN + n, extraChannels, 0, extra);
            }
            TrackedTensor out = keep(output.tensor(runShape));
            pinned = Map.of(unet.outputName(), out.ort());
            TensorSpec ts = unet.timestep();
            timestepCount = ts.rank() == 0 ? 0 : ts.isDynamic(0) ? runBatch : (int) ts.dim(0);
            long[] tsShape = ts.rank() == 0 ? new long[0] : new long[] {timestepCount};
            int tsElements = Math.max(timestepCount, 1);
            if (ts.isFloating()) {
                floatTimestep = new FloatStaging(env, ts.type(), tsElements);
                intTimestep = null;
                put("timestep", floatTimestep.tensor(tsShape), true);
            } else {
                floatTimestep = null;
                intTimestep = ByteBuffer.allocateDirect(tsElements * Long.BYTES).order(ByteOrder.nativeOrder());
                put("timestep", TrackedTensor.of(ts.type() == OnnxJavaType.INT64
                        ? OnnxTensor.createTensor(env, intTimestep.asLongBuffer(), tsShape)
                        : OnnxTensor.createTensor(env, intTimestep.asIntBuffer().limit(tsElements), tsShape)), true);
            }
            int hidden = cond.length / seq;
            TensorSpec hs = unet.hiddenStates();
            if (runBatch == 2) {
                FloatStaging pair = new FloatStaging(env, hs.type(), 2 * cond.length);
                pair.write(0, cfg ? uncond : cond, 0, cond.length);
                pair.write(cond.length, cond, 0, cond.length);
                put("encoder_hidden_states", pair.tensor(new long[] {2, seq, hidden}), true);
            } else {
                condInputs.put("encoder_hidden_states", keep(embedding(env, hs, cond, seq, hidden)).ort());
                if (cfg) {
                    uncondInputs.put("encoder_hidden_states", keep(embedding(env, hs, uncond, seq, hidden)).ort());
                }
            }
            for (Added a : added) {
                TensorSpec spec = unet.session().input(a.name()).orElseThrow(() -> new IllegalArgumentException(
                        unet.session().file() + " has no input '" + a.name() + "'"));
                int width = a.cond().length;
                if (runBatch == 2) {
                    FloatStaging pair = new FloatStaging(env, spec.type(), 2 * width);
                    pair.write(0, cfg ? a.uncond() : a.cond(), 0, width);
                    pair.write(width, a.cond(), 0, width);
                    put(a.name(), pair.tensor(new long[] {2, width}), true);
                } else {
                    condInputs.put(a.name(), keep(rows(env, spec, a.cond())).ort());
                    if (cfg) {
                        uncondInputs.put(a.name(), keep(rows(env, spec, a.uncond())).ort());
                    }
                }
            }
            if (guidanceEmbed != null) {
                TensorSpec tc = unet.timestepCond().orElseThrow();
                FloatStaging w = new FloatStaging(env, tc.type(), runBatch * guidanceEmbed.length);
                for (int b = 0; b < runBatch; b++) {
                    w.write(b * guidanceEmbed.length, guidanceEmbed, 0, guidanceEmbed.length);
                }
                put("timestep_cond", w.tensor(new long[] {runBatch, guidanceEmbed.length}), true);
            }
        } catch (OrtException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * The guided noise prediction for {@code latentInput} (the scheduler-scaled latents of one image) at
     * {@code timestep}, written to {@code noisePred}. Throws if the run options were terminated (cancel).
     */
    public void predict(float[] latentInput, float timestep, float[] noisePred) throws OrtException {
        writeTimestep(timestep);
        sample.write(0, latentInput, 0, n);
        if (runBatch == 2) {
            sample.write(sampleN, latentInput, 0, n);
            runOnce(condInputs);
            output.read(cfg ? n : 0, noisePred, 0, n);
            if (cfg) {
                output.read(0, scratch, 0, n);
                guide(scratch, noisePred);
            }
        } else if (cfg) {
            runOnce(uncondInputs);
            output.read(0, scratch, 0, n);
            runOnce(condInputs);
            output.read(0, noisePred, 0, n);
            guide(scratch, noisePred);
        } else {
            runOnce(condInputs);
            output.read(0, noisePred, 0, n);
        }
    }

    /**
     * Only the ORT calls of one step, on whatever the buffers hold: no input written, no output read, no guidance
     * arithmetic. For {@code BareUnetLoop}, which measures the pipeline's Java-side overhead against this.
     */
    public void runModelCallsOnly() throws OrtException {
        if (runBatch == 1 && cfg) {
            runOnce(uncondInputs);
        }
        runOnce(condInputs);
    }

    /**
     * One UNet call on whatever the buffers hold (zeros when fresh), not counted as a generation's run and not told to
     * the call hook: {@link UnetModel#latentMultiple} probes which latent sizes the UNet takes with it.
     */
    void probeOnce() throws OrtException {
        unet.session().run(condInputs, pinned, runOptions).close();
    }

    /** UNet session runs so far (two per step when guidance runs the batch axis as two calls). */
    public long calls() {
        return calls;
    }

    /** The batch each UNet call runs on (1 or 2). */
    public int runBatch() {
        return runBatch;
    }

    @Override
    public void close() {
        tensors.forEach(TrackedTensor::close);
        tensors.clear();
    }

    private void runOnce(Map<String, OnnxTensor> inputs) throws OrtException {
        calls++;
        unet.beforeRun();
        // The only output is pinned (written into our staging buffer); the result owns nothing but is still closed.
        TrackedResult result = unet.session().run(inputs, pinned, runOptions);
        result.close();
        unet.countRun();
    }

    /** noise = uncond + g·(cond − uncond); {@code cond} holds cond in and the guided prediction out. */
    private void guide(float[] uncond, float[] cond) {
        for (int i = 0; i < n; i++) {
            cond[i] = uncond[i] + guidanceScale * (cond[i] - uncond[i]);
        }
    }

    private void writeTimestep(float t) {
        int count = Math.max(timestepCount, 1);
        one[0] = t;
        for (int i = 0; i < count; i++) {
            if (floatTimestep != null) {
                floatTimestep.write(i, one, 0, 1);
            } else if (unet.timestep().type() == OnnxJavaType.INT64) {
                intTimestep.putLong(i * Long.BYTES, (long) t);
            } else {
                intTimestep.putInt(i * Integer.BYTES, (int) t);
            }
        }
    }

    private static TrackedTensor embedding(OrtEnvironment env, TensorSpec spec, float[] values, int seq, int hidden)
            throws OrtException {
        FloatStaging staging = new FloatStaging(env, spec.type(), values.length);
        staging.write(0, values, 0, values.length);
        return staging.tensor(new long[] {1, seq, hidden});
    }

    private static TrackedTensor rows(OrtEnvironment env, TensorSpec spec, float[] values) throws OrtException {
        FloatStaging staging = new FloatStaging(env, spec.type(), values.length);
        staging.write(0, values, 0, values.length);
        return staging.tensor(new long[] {1, values.length});
    }

    private void put(String name, TrackedTensor tensor, boolean both) {
        keep(tensor);
        condInputs.put(name, tensor.ort());
        if (both) {
            uncondInputs.put(name, tensor.ort());
        }
    }

    private TrackedTensor keep(TrackedTensor tensor) {
        tensors.add(tensor);
        return tensor;
    }
}
