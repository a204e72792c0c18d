package dev.stepcast.engine.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.SizeLimits;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The UNet session and what its inputs say, read from the session, never assumed: {@code sample} (float32/float16,
 * rank 4, batch fixed 1, fixed 2 or dynamic), {@code timestep} (float32, float16 or int64; rank 0 or 1),
 * {@code encoder_hidden_states} (float32/float16, rank 3, sequence fixed or dynamic) and, for LCM-distilled UNets,
 * {@code timestep_cond} (the guidance-scale embedding) and, for SDXL UNets, {@code text_embeds} (float32/float16
 * {@code [batch, projection]}, the second text encoder's pooled output) and {@code time_ids} (float32/float16
 * {@code [batch, 6]}: original size, crop top-left, target size); any other input is refused naming it.
 *
 * <p><b>Threads:</b> immutable apart from the session, which allows concurrent runs, and the probed latent multiple
 * ({@link #latentMultiple}), computed once under this object's lock and then read from a volatile field.
 */
public final class UnetModel {

    private static final System.Logger LOG = System.getLogger(UnetModel.class.getName());

    static final Set<String> KNOWN = Set.of("sample", "timestep", "encoder_hidden_states", "timestep_cond",
            "text_embeds", "time_ids");
    /** SDXL's micro-conditioning: original size (h, w), crop top-left (top, left), target size (h, w). */
    public static final int TIME_IDS = 6;

    /** The input channels of a dedicated inpainting UNet: 4 latents, 1 mask, 4 masked image latents. */
    public static final int INPAINT_CHANNELS = 9;

    private final ModelSession session;
    private final TensorSpec sample;
    private final TensorSpec timestep;
    private final TensorSpec hiddenStates;
    private final TensorSpec timestepCond;
    private final TensorSpec textEmbeds;
    private final TensorSpec timeIds;
    private final String output;
    private final AtomicLong runs = new AtomicLong();
    /** The latent side multiple the UNet takes, 0 until probed. */
    private volatile int latentMultiple;
    /** The latent sizes the probe tries (an SD-shaped UNet with k down-sampling stages fails below 2^k). */
    static final int[] PROBE_SIDES = {1, 2, 4, 8};

    /** The latent side multiple if the UNet was probed already (never probes: safe on the EDT). */
    public java.util.OptionalInt knownLatentMultiple() {
        int m = latentMultiple;
        return m == 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(m);
    }

    public UnetModel(ModelSession session) throws ModelException {
        this.session = session;
        Path file = session.file();
        for (TensorSpec in : session.inputs().values()) {
            if (!KNOWN.contains(in.name())) {
                throw new ModelException(file + ": input '" + in.name() + "' (" + in.describe() + ") is not one the"
                        + " engine understands (expected sample, timestep, encoder_hidden_states, timestep_cond;"
                        + " SDXL: text_embeds, time_ids)", file);
            }
        }
        this.sample = require(session, "sample", 4, true);
        this.hiddenStates = require(session, "encoder_hidden_states", 3, true);
        this.timestep = require(session, "timestep", -1, false);
        if (timestep.rank() > 1 || !(timestep.isFloating() || timestep.type() == OnnxJavaType.INT64
                || timestep.type() == OnnxJavaType.INT32)) {
            throw new ModelException(file + ": input 'timestep' is " + timestep.describe()
                    + "; expected float32, float16 or int64 of rank 0 or 1", file);
        }
        this.timestepCond = session.input("timestep_cond").orElse(null);
        if (timestepCond != null && (timestepCond.rank() != 2 || !timestepCond.isFloating()
                || timestepCond.isDynamic(1))) {
            throw new ModelException(file + ": input 'timestep_cond' is " + timestepCond.describe()
                    + "; expected float32/float16 [batch, embedding size]", file);
        }
        this.textEmbeds = session.input("text_embeds").orElse(null);
        this.timeIds = session.input("time_ids").orElse(null);
        if ((textEmbeds == null) != (timeIds == null)) {
            throw new ModelException(file + " has the SDXL input '" + (textEmbeds == null ? "time_ids" : "text_embeds")
                    + "' but not '" + (textEmbeds == null ? "text_embeds" : "time_ids") + "'; an SDXL UNet takes both",
                    file);
        }
        if (textEmbeds != null && (textEmbeds.rank() != 2 || !textEmbeds.isFloating())) {
            throw new ModelException(file + ": input 'text_embeds' is " + textEmbeds.describe()
                    + "; expected float32/float16 [batch, projection]", file);
        }
        if (timeIds != null && (timeIds.rank() != 2 || !timeIds.isFloating())) {
            throw new ModelException(file + ": input 'time_ids' is " + timeIds.describe()
                    + "; expected float32/float16 [batch, 6]", file);
        }
        if (timeIds != null && !timeIds.isDynamic(1) && timeIds.dim(1) != TIME_IDS) {
            throw new ModelException(file + ": input 'time_ids' takes " + timeIds.dim(1) + " values per image; the"
                    + " engine writes SDXL base's 6 (original size, crop top-left, target size)"
                    + (timeIds.dim(1) == 5 ? " — 5 is the SDXL refiner's aesthetic-score form, which is not supported"
                    : ""), file);
        }
        if (session.outputs().isEmpty()) {
            throw new ModelException(file + ": the UNet has no output", file);
        }
        TensorSpec out = session.outputs().values().iterator().next();
        if (!out.isFloating()) {
            throw new ModelException(file + ": output '" + out.name() + "' is " + out.describe()
                    + "; expected float32 or float16 noise prediction", file);
        }
        this.output = out.name();
        long batch = sample.dim(0);
        if (batch > 2 || batch == 0) {
            throw new ModelException(file + ": input 'sample' has batch " + batch + "; expected 1, 2 or dynamic", file);
        }
    }

    private static TensorSpec require(ModelSession s, String name, int rank, boolean floating) throws ModelException {
        TensorSpec spec = s.input(name).orElseThrow(() -> new ModelException(
                s.file() + ": missing UNet input '" + name + "' (found " + s.inputs().keySet() + ")", s.file()));
        if ((rank >= 0 && spec.rank() != rank) || (floating && !spec.isFloating())) {
            throw new ModelException(s.file() + ": input '" + name + "' is " + spec.describe() + "; expected "
                    + "float32/float16 of rank " + rank, s.file());
        }
        return spec;
    }

    /** UNet session runs since load, over all generations (tests count them). */
    public long runCount() {
        return runs.get();
    }

    void countRun() {
        runs.incrementAndGet();
    }

    /** Tests: told the number of each UNet call (1-based, since load) on the generation thread just before it runs. */
    volatile java.util.function.LongConsumer callHook = call -> { };

    void beforeRun() {
        callHook.accept(runs.get() + 1);
    }

    public ModelSession session() {
        return session;
    }

    public TensorSpec sample() {
        return sample;
    }

    public TensorSpec timestep() {
        return timestep;
    }

    public TensorSpec hiddenStates() {
        return hiddenStates;
    }

    public Optional<TensorSpec> timestepCond() {
        return Optional.ofNullable(timestepCond);
    }

    /** SDXL's {@code text_embeds} input (pooled text embedding), if this is an SDXL UNet. */
    public Optional<TensorSpec> textEmbeds() {
        return Optional.ofNullable(textEmbeds);
    }

    /** SDXL's {@code time_ids} input, if this is an SDXL UNet. */
    public Optional<TensorSpec> timeIds() {
        return Optional.ofNullable(timeIds);
    }

    /** Whether the UNet takes SDXL's added conditioning ({@code text_embeds} and {@code time_ids}). */
    public boolean isSdxl() {
        return textEmbeds != null;
    }

    public String outputName() {
        return output;
    }

    /** Latent channels (the sample's axis 1; 4 when the export left it dynamic or it is an inpainting UNet's 9). */
    public int latentChannels() {
        return sample.isDynamic(1) || sample.dim(1) == INPAINT_CHANNELS ? 4 : (int) sample.dim(1);
    }

    /** Whether the sample's channel axis is fixed at 9: latents, mask, masked image latents (an inpainting UNet). */
    public boolean inpaintingInput() {
        return !sample.isDynamic(1) && sample.dim(1) == INPAINT_CHANNELS;
    }

    /**
     * Checks that the UNet takes latents of {@code height × width} pixels: exports with fixed spatial axes take one
     * size only; a UNet with dynamic axes takes multiples of its {@linkplain #latentMultiple down-sampling factor}.
     */
    public void checkImageSize(int width, int height) throws ModelException {
        Optional<String> problem = sizeProblem(width, height);
        if (problem.isPresent()) {
            throw new ModelException(problem.get(), session.file());
        }
    }

    /**
     * Why the UNet cannot take {@code width × height} pixels (one line, naming the nearest sizes that work), or empty
     * when it can. Probes the UNet the first time (see {@link #latentMultiple}) unless both sides are multiples of
     * 64 px, which every UNet the probe can tell apart takes.
     */
    public Optional<String> sizeProblem(int width, int height) {
        long h = sample.dim(2);
        long w = sample.dim(3);
        if ((h > 0 && h * 8 != height) || (w > 0 && w * 8 != width)) {
            return Optional.of(session.file() + " takes " + (w > 0 ? w * 8 : width) + "×" + (h > 0 ? h * 8
                    : height) + " images only (its 'sample' input is " + sample.describe() + "); " + width + "×"
                    + height + " was asked for");
        }
        int largest = PROBE_SIDES[PROBE_SIDES.length - 1] * 8;
        if (latentMultiple == 0 && width % largest == 0 && height % largest == 0) {
            return Optional.empty(); // every multiple the probe can find divides it: no UNet run on the way to a picture
        }
        return SizeLimits.multipleProblem(width, height, latentMultiple() * 8);
    }

    /**
     * The smallest latent side the UNet takes (sizes must be multiples of it: 8 for SD's three down-sampling stages,
     * so 64 px). Found once, the first time it is asked, by running the UNet on zero latents of side 1, 2, 4 and 8
     * (batch 1, inputs built as a generation builds them): the first side that runs is the multiple. A UNet that
     * takes none of them (or has fixed spatial axes) is not restricted here (1).
     */
    public int latentMultiple() {
        int m = latentMultiple;
        if (m == 0) {
            synchronized (this) {
                m = latentMultiple;
                if (m == 0) {
                    m = probeMultiple();
                    latentMultiple = m;
                }
            }
        }
        return m;
    }

    private int probeMultiple() {
        if (!sample.isDynamic(2) || !sample.isDynamic(3)) {
            return 1;
        }
        int seq = sequenceLength();
        int hidden = hiddenSize() > 0 ? (int) hiddenSize() : 768;
        float[] cond = new float[seq * hidden];
        float[] guidance = timestepCond == null ? null : new float[(int) timestepCond.dim(1)];
        List<UnetRun.Added> added = textEmbeds == null ? List.of() : List.of(
                new UnetRun.Added("text_embeds", new float[textEmbeds.isDynamic(1) ? 1280 : (int) textEmbeds.dim(1)],
                        null),
                new UnetRun.Added("time_ids", new float[TIME_IDS], null));
        String lastError = "";
        for (int side : PROBE_SIDES) {
            int c = latentChannels();
            float[] extra = inpaintingInput() ? new float[(INPAINT_CHANNELS - c) * side * side] : null;
            try (UnetRun run = new UnetRun(OrtEnvironments.get(), this, new long[] {1, c, side, side}, cond, null,
                    seq, 1f, guidance, extra, added, null)) {
                run.probeOnce();
                LOG.log(System.Logger.Level.DEBUG, session.file() + " takes latent sides in multiples of " + side);
                return side;
            } catch (OrtException | RuntimeException e) {
                lastError = e.getMessage();
            }
        }
        LOG.log(System.Logger.Level.WARNING, session.file() + " ran on none of the latent sides "
                + Arrays.toString(PROBE_SIDES) + " (" + lastError + "); sizes are not checked against it");
        return 1;
    }

    /** Whether one run can take the unconditional and conditional latents together (batch dynamic or fixed 2). */
    public boolean acceptsBatchOfTwo() {
        return sample.dim(0) != 1;
    }

    /** Whether the batch axis is fixed at 2 (then every run needs two latents). */
    public boolean requiresBatchOfTwo() {
        return sample.dim(0) == 2;
    }

    /** Whether the text sequence axis is dynamic, so long prompts can pass as several 77-token chunks. */
    public boolean dynamicSequence() {
        return hiddenStates.isDynamic(1);
    }

    /** The fixed text sequence length, or 77 when dynamic. */
    public int sequenceLength() {
        return dynamicSequence() ? 77 : (int) hiddenStates.dim(1);
    }

    /** The text embedding width the UNet expects, or -1 when dynamic. */
    public long hiddenSize() {
        return hiddenStates.dim(2);
    }
}
