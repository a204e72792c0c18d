package dev.stepcast.cli;

import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.Backend;
import dev.stepcast.engine.CompatOptions;
import dev.stepcast.engine.preview.ApproximatePreviewer;
import dev.stepcast.engine.preview.Previewers;
import dev.stepcast.engine.remote.Backends;
import dev.stepcast.engine.remote.RemoteServer;
import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.FloatTensor;
import dev.stepcast.engine.GenerationCancelledException;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.GenerationResult;
import dev.stepcast.engine.InpaintOptions;
import dev.stepcast.engine.LongPrompt;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.NoiseSource;
import dev.stepcast.engine.SchedulerKind;
import dev.stepcast.engine.SizeLimits;
import dev.stepcast.engine.StepListener;
import dev.stepcast.engine.demo.DemoModel;
import dev.stepcast.engine.inpaint.InpaintPlan;
import dev.stepcast.engine.io.AtomicFiles;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.panel.png.A1111Format;
import dev.stepcast.panel.png.GenerationParameters;
import dev.stepcast.panel.png.PngParameters;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stepcast generate}: one image, headless. Prints a one-line summary (provider, seconds, s/step), or the
 * same as JSON with {@code --json}. {@code .npy} latents are float32 little-endian {@code [1, C, H/8, W/8]}.
 * Without {@code --model} it uses the built-in demo model (installed into the user cache on first use).
 *
 * <p><b>Threads:</b> picocli calls {@link #call()} on the main thread; the generation runs on it.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generate one image from a prompt (text to image, image to image with --init-image, inpainting"
                + " with --init-image and --mask).")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", description = "Model folder (diffusers ONNX layout); "
            + "default: the built-in demo model.")
    Path model;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "What to draw.")
    String prompt;

    @Option(names = "--negative", paramLabel = "TEXT", defaultValue = "", description = "What to avoid.")
    String negative;

    @Option(names = "--steps", defaultValue = "20", description = "Denoising steps (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--guidance", defaultValue = "7.5", paramLabel = "X",
            description = "Classifier-free guidance scale; ≤ 1 turns guidance off (default ${DEFAULT-VALUE}).")
    float guidance;

    @Option(names = "--scheduler", paramLabel = "NAME", description = "Sampler: ${COMPLETION-CANDIDATES}; "
            + "default: the model's own.", completionCandidates = SchedulerNames.class)
    String scheduler;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the noise (default: random, printed).")
    Long seed;

    @Option(names = "--rng", defaultValue = "a1111-nv", paramLabel = "NAME",
            description = "Whose seeds: a1111-nv (A1111/SD.Next on NVIDIA), torch-cpu (A1111 CPU, ComfyUI), numpy "
                    + "(diffusers ONNX; its Euler a/LCM step noise is torch-cpu's of the same seed), stepcast "
                    + "(Stepcast's original). Default ${DEFAULT-VALUE}.")
    String rng;

    @Option(names = "--long-prompt", defaultValue = "chunk", paramLabel = "MODE",
            description = "Prompts over 75 tokens: chunk (A1111) or truncate (diffusers, warns). "
                    + "Default ${DEFAULT-VALUE}.")
    String longPrompt;

    @Option(names = "--no-emphasis", description = "Read (word:1.3), [word] and BREAK as plain text "
            + "(as diffusers does) instead of A1111's emphasis.")
    boolean noEmphasis;

    @Option(names = "--diffusers", description = "diffusers' ONNX pipeline exactly: same as --rng numpy "
            + "--long-prompt truncate --no-emphasis.")
    boolean diffusers;

    @Option(names = "--width", paramLabel = "W", description = "Width in pixels, a multiple of 8 (default: the "
            + "model's size, 1024 for SDXL, else 512).")
    Integer width;

    @Option(names = "--height", paramLabel = "H", description = "Height in pixels, a multiple of 8 (default: the "
            + "model's size, 1024 for SDXL, else 512).")
    Integer height;

    @Option(names = "--init-image", paramLabel = "FILE", description = "Source image for image to image.")
    Path initImage;

    @Option(names = "--strength", defaultValue = "0.75", paramLabel = "X",
            description = "Image to image strength in (0, 1] (default ${DEFAULT-VALUE}).")
    float strength;

    @Option(names = "--mask", paramLabel = "FILE", description = "Inpaint: white repaints, black keeps, gray blends;"
            + " scaled to the --init-image's size. The output has the source's size.")
    Path mask;

    @Option(names = "--mask-blur", defaultValue = "4", paramLabel = "PX",
            description = "Inpaint: blur of the mask's edge in source pixels (default ${DEFAULT-VALUE}).")
    int maskBlur;

    @Option(names = "--inpaint-area", defaultValue = "whole", paramLabel = "whole|masked",
            description = "Inpaint the whole picture, or only the masked area at the model's size and paste it back"
                    + " (default ${DEFAULT-VALUE}).")
    String inpaintArea;

    @Option(names = "--padding", defaultValue = "32", paramLabel = "PX",
            description = "Inpaint area masked: context around the mask in source pixels (default ${DEFAULT-VALUE}).")
    int padding;

    @Option(names = "--masked-content", defaultValue = "original", paramLabel = "original|noise|fill",
            description = "Inpaint: what the masked area starts from (default ${DEFAULT-VALUE}).")
    String maskedContent;

    @Option(names = "--latents-in", paramLabel = "FILE.npy", description = "Initial noise instead of the seed's.")
    Path latentsIn;

    @Option(names = "--latents-out", paramLabel = "FILE.npy", description = "Write the final latents here.")
    Path latentsOut;

    @Option(names = "--provider", defaultValue = "auto", paramLabel = "NAME",
            description = "auto, cpu, cuda, directml or coreml (default ${DEFAULT-VALUE}).")
    String provider;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "Where to write the image.")
    Path out;

    @Option(names = "--server", paramLabel = "URL", description = "Generate on a server instead of this computer: "
            + "SD.Next, A1111 (started with --api) or ComfyUI, e.g. http://gpu-box:7860; credentials may be in the "
            + "URL (http://user:pass@host:port).")
    String server;

    @Option(names = "--api", defaultValue = "auto", paramLabel = "NAME",
            description = "The server's protocol: auto, sdapi, sdnext-v2 or comfyui (default ${DEFAULT-VALUE}).")
    String api;

    @Option(names = "--checkpoint", paramLabel = "NAME", description = "The server's checkpoint to use "
            + "(default: its current one; ComfyUI: its first).")
    String checkpoint;

    @Option(names = "--preview-dir", paramLabel = "DIR", description = "Write the preview of every "
            + "--preview-every-th step here as step-NNN.png (local: approximate previews; server: its previews).")
    Path previewDir;

    @Option(names = "--preview-every", defaultValue = "1", paramLabel = "N",
            description = "With --preview-dir: every how many steps (default ${DEFAULT-VALUE}).")
    int previewEvery;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    private InpaintOptions inpaint;

    @Override
    public Integer call() throws ModelException, IOException {
        checkWritable("--out", out);
        if (latentsOut != null) {
            checkWritable("--latents-out", latentsOut);
        }
        checkArguments();
        if (previewDir != null) {
            if (previewEvery < 1) {
                throw new UsageError("--preview-every " + previewEvery + " must be at least 1");
            }
            Files.createDirectories(previewDir);
            // checked now: a server's poller only logs a failed preview write, and the painter would get no files
            checkWritable("--preview-dir", previewDir.resolve("step-001.png"));
        }
        if (server != null) {
            return remote();
        }
        if (checkpoint != null) {
            throw new UsageError("--checkpoint names a server's checkpoint: use it with --server");
        }
        ExecutionProvider requested = ExecutionProvider.parse(provider).orElseThrow(() -> new UsageError(
                "unknown provider '" + provider + "' (expected auto, cpu, cuda, directml or coreml)"));
        Path folder = model != null ? existingFolder(model) : demoModel();
        Optional<StableDiffusionModel> prefetched = ModelPrefetch.take(folder, requested);
        try (StableDiffusionModel loaded = prefetched.isPresent() ? prefetched.get()
                : StableDiffusionModel.load(folder, requested)) {
            int side = loaded.info().family().defaultImageSize();
            int w = width != null ? width : side;
            int h = height != null ? height : side;
            loaded.sizeProblem(w, h).ifPresent(problem -> {
                throw new UsageError(problem);
            });
            GenerationRequest request = request(w, h);
            StepListener listener = StepListener.NONE;
            ApproximatePreviewer previewer = null;
            if (previewDir != null) {
                var map = Previewers.approximateMap(loaded.info());
                if (map.isPresent()) {
                    previewer = new ApproximatePreviewer(map.get());
                } else {
                    spec.commandLine().getErr().println("stepcast: no approximate previewer for "
                            + loaded.info().displayName() + "; no previews written");
                }
                listener = new PreviewWriter(previewDir, previewEvery, previewer);
            }
            GenerationResult result;
            try {
                result = loaded.generate(request, listener, new CancellationToken());
            } finally {
                if (previewer != null) {
                    previewer.close();
                }
            }
            writeOutputs(result, loaded.info().displayName());
            spec.commandLine().getOut().println(json ? Summary.json(result, loaded.provider(), out)
                    : Summary.line(result, loaded.provider(), out));
            return 0;
        } catch (GenerationCancelledException e) {
            spec.commandLine().getErr().println("stepcast: cancelled");
            return StepcastCommand.FAILURE;
        }
    }

    /**
     * {@code --server}: connects (protocol detected or {@code --api}), runs the request there with its previews
     * written when asked, and writes the image. Ctrl+C sends the server's interrupt before the JVM exits.
     */
    private Integer remote() throws ModelException, IOException {
        RemoteServer.Protocol protocol = RemoteServer.Protocol.parse(api).orElseThrow(() -> new UsageError(
                "unknown --api '" + api + "' (expected auto, sdapi, sdnext-v2 or comfyui)"));
        if (model != null) {
            throw new UsageError("--model and --server exclude each other (a server runs its own checkpoints)");
        }
        if (latentsIn != null || latentsOut != null) {
            throw new UsageError("--latents-in/--latents-out need the local engine (a server keeps its latents)");
        }
        if (mask != null) {
            throw new UsageError("--mask is not supported with --server yet");
        }
        RemoteServer target;
        try {
            target = RemoteServer.parse(server, protocol);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--server: " + e.getMessage());
        }
        GenerationRequest request = request(width != null ? width : 512, height != null ? height : 512)
                .withCheckpoint(checkpoint);
        StepListener listener = previewDir != null ? new PreviewWriter(previewDir, previewEvery, null)
                : new StepListener() {
                    @Override
                    public void onStep(dev.stepcast.engine.StepEvent event) {
                    }

                    @Override
                    public boolean wantsPreview(int step) {
                        return false;
                    }
                };
        CancellationToken cancel = new CancellationToken();
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        Thread interruptOnExit = new Thread(() -> {
            cancel.cancel();
            try {
                // give the interrupt request time to reach the server before the JVM goes
                finished.await(target.connectTimeout().toMillis() + 2000, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stepcast-interrupt-server");
        try (Backend backend = Backends.connect(target)) {
            Runtime.getRuntime().addShutdownHook(interruptOnExit);
            GenerationResult result;
            try {
                result = backend.generate(request, listener, cancel);
            } finally {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(interruptOnExit);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down (Ctrl+C): the hook runs
                }
            }
            // RNG: what the server really drew (ComfyUI: CPU; a server's own generator: no key)
            writeOutputs(result, checkpoint != null ? checkpoint : backend.describe(),
                    backend.noiseSource(result.request().compat().rng()));
            spec.commandLine().getOut().println(json ? Summary.remoteJson(result, out) : Summary.remoteLine(result, out));
            return 0;
        } catch (GenerationCancelledException e) {
            spec.commandLine().getErr().println("stepcast: cancelled (sent the server's interrupt to " + target.url()
                    + ")");
            return StepcastCommand.FAILURE;
        }
    }

    /** Checks what can be checked before the model is loaded (the size may come from the model). */
    private void checkArguments() {
        if ((width != null && (width <= 0 || width % 8 != 0)) || (height != null && (height <= 0 || height % 8 != 0))) {
            throw new UsageError("size " + (width == null ? "?" : width) + "×" + (height == null ? "?" : height)
                    + " is not a multiple of 8 (e.g. 512×512)");
        }
        if (server == null && (width != null || height != null)) {
            // this computer's memory bounds a local run only: a server checks its own
            int w = width != null ? width : height;
            int h = height != null ? height : width;
            SizeLimits.forThisMachine().problem(w, h).ifPresent(problem -> {
                throw new UsageError(problem);
            });
        }
        if (steps < 1) {
            throw new UsageError("--steps " + steps + " must be at least 1");
        }
        if (!Float.isFinite(guidance)) {
            throw new UsageError("--guidance " + guidance + " is not a number");
        }
        if (scheduler != null && SchedulerKind.parse(scheduler).isEmpty()) {
            throw new UsageError("unknown scheduler '" + scheduler + "' (expected one of " + String.join(", ",
                    new SchedulerNames()) + ")");
        }
        NoiseCommand.checkSeed(compatOptions().rng(), seed == null ? 0 : seed);
        if (initImage != null) {
            if (!(strength > 0f && strength <= 1f)) {
                throw new UsageError("--strength " + strength + " must be in (0, 1]");
            }
            requireFile(initImage, "--init-image");
        }
        if (latentsIn != null) {
            requireFile(latentsIn, "--latents-in");
        }
        if (mask != null) {
            if (initImage == null) {
                throw new UsageError("--mask needs --init-image (the picture to inpaint)");
            }
            try {
                inpaint = inpaintOptions(readImage(mask, "--mask"));
            } catch (IOException e) {
                throw new UsageError("cannot read --mask " + mask + ": " + e.getMessage());
            }
        }
    }

    private GenerationRequest request(int width, int height) throws IOException {
        SchedulerKind kind = scheduler == null ? null : SchedulerKind.parse(scheduler).orElseThrow();
        long s = seed != null ? seed : Math.abs(System.nanoTime() % 4_294_967_296L);
        GenerationRequest request = new GenerationRequest(prompt, negative, width, height, steps, guidance, kind, s,
                null, 1f, null, null, null, compatOptions());
        if (initImage != null) {
            request = request.withInitImage(readImage(initImage, "--init-image"), strength);
        }
        if (inpaint != null) {
            request = request.withInpaint(inpaint);
        }
        if (latentsIn != null) {
            request = request.withInitialLatents(readLatents(latentsIn, width, height));
        }
        return request;
    }

    private CompatOptions compatOptions() {
        if (diffusers) {
            return CompatOptions.DIFFUSERS;
        }
        NoiseSource source = NoiseSource.byId(rng).orElseThrow(() -> new UsageError("unknown --rng '" + rng
                + "' (expected one of " + NoiseSource.names() + ")"));
        LongPrompt mode = LongPrompt.byId(longPrompt).orElseThrow(() -> new UsageError("unknown --long-prompt '"
                + longPrompt + "' (expected chunk or truncate)"));
        return new CompatOptions(source, mode, !noEmphasis);
    }

    private static FloatTensor readLatents(Path file, int width, int height) throws IOException {
        requireFile(file, "--latents-in");
        FloatTensor latents;
        try {
            latents = Npy.read(file);
        } catch (Npy.FormatException e) {
            throw new UsageError(e.getMessage());
        }
        int nonFinite = 0;
        for (float v : latents.toArray()) {
            nonFinite += Float.isFinite(v) ? 0 : 1;
        }
        if (nonFinite > 0) {
            throw new UsageError(file + ": " + nonFinite + " of " + latents.size()
                    + " latent values are not finite (NaN or infinite)");
        }
        long[] shape = latents.shape();
        if (shape.length != 4 || shape[0] != 1 || shape[2] != height / 8 || shape[3] != width / 8) {
            throw new UsageError(file + ": latents have shape " + Arrays.toString(shape) + "; expected [1, C, "
                    + height / 8 + ", " + width / 8 + "] for a " + width + "×" + height + " image");
        }
        return latents;
    }

    private InpaintOptions inpaintOptions(BufferedImage maskImage) {
        if (maskBlur < 0) {
            throw new UsageError("--mask-blur " + maskBlur + " must be 0 or more pixels");
        }
        if (padding < 0) {
            throw new UsageError("--padding " + padding + " must be 0 or more pixels");
        }
        InpaintOptions.Area area = Arrays.stream(InpaintOptions.Area.values())
                .filter(a -> a.word().equalsIgnoreCase(inpaintArea)).findFirst().orElseThrow(() -> new UsageError(
                        "--inpaint-area '" + inpaintArea + "' is not whole or masked"));
        InpaintOptions.MaskedContent content = Arrays.stream(InpaintOptions.MaskedContent.values())
                .filter(c -> c.word().equalsIgnoreCase(maskedContent)).findFirst().orElseThrow(() -> new UsageError(
                        "--masked-content '" + maskedContent + "' is not original, noise or fill"));
        if (InpaintPlan.isEmptyMask(maskImage)) {
            throw new UsageError("--mask " + mask + " is black everywhere: nothing to repaint");
        }
        return new InpaintOptions(maskImage, maskBlur, area, padding, content);
    }

    private static BufferedImage readImage(Path file, String option) throws IOException {
        requireFile(file, option);
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new UsageError(file + " is not an image Java can read (PNG, JPEG, BMP, GIF)");
        }
        return image;
    }

    /** Refuses an output path that cannot be written, before any work (exit 2, one line). */
    static void checkWritable(String option, Path file) {
        try {
            AtomicFiles.checkWritable(file);
        } catch (AtomicFiles.NotWritableException e) {
            throw new UsageError(option + ": " + e.getMessage());
        }
    }

    /** The PNG (with A1111's {@code parameters} chunk, as every PNG Stepcast writes) and the latents if asked. */
    private void writeOutputs(GenerationResult result, String modelName) throws IOException {
        writeOutputs(result, modelName, java.util.Optional.of(result.request().compat().rng()));
    }

    private void writeOutputs(GenerationResult result, String modelName,
                              java.util.Optional<dev.stepcast.engine.NoiseSource> rngUsed) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        GenerationParameters parameters = GenerationParameters.of(result.request(), result.scheduler(), modelName,
                rngUsed);
        PngParameters.write(result.image(), A1111Format.format(parameters), out);
        if (latentsOut != null) {
            Npy.write(latentsOut, result.latents());
        }
    }

    private static Path existingFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new UsageError("model folder " + folder + " does not exist");
        }
        return folder;
    }

    private static void requireFile(Path file, String option) {
        if (Files.isDirectory(file)) {
            throw new UsageError(option + " " + file + " is a folder, not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageError(option + " " + file + " does not exist");
        }
    }

    private Path demoModel() throws IOException {
        Path folder = DemoModel.defaultFolder();
        if (!DemoModel.isInstalled(folder)) {
            spec.commandLine().getErr().println("Preparing the demo model in " + folder + " (first use)…");
        }
        return DemoModel.ensureInstalled(folder, progress -> { });
    }

    /** The scheduler CLI names, for help and errors. */
    static final class SchedulerNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(SchedulerKind.values()).map(SchedulerKind::cliName)
                    .collect(Collectors.toList()).iterator();
        }
    }
}
