package dev.stepcast.cli;

import dev.stepcast.engine.FloatTensor;
import dev.stepcast.engine.NoiseSource;
import dev.stepcast.engine.NormalStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stepcast noise --rng R --seed S --shape 1,4,64,64 [--draws K] --out F.npy}: writes K successive draws of
 * one generator as float32 {@code [K, …shape]} — the initial latents are draw 1, an ancestral sampler's step noise
 * draws 2, 3, …. Compare with {@code torch.randn}, {@code RandomState.randn} or A1111's {@code rng_philox}.
 *
 * <p><b>Threads:</b> picocli calls {@link #call()} on the main thread.
 */
@Command(name = "noise", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write K successive standard normal draws of a seeded generator as float32 [K, ...shape] .npy.")
final class NoiseCommand implements Callable<Integer> {

    /** Refuses files over 1 GiB of floats: a typo in --shape should not fill the disk. */
    private static final long MAX_VALUES = 1L << 28;

    @Spec
    CommandSpec spec;

    @Option(names = "--rng", defaultValue = "a1111-nv", paramLabel = "NAME",
            description = "Generator: a1111-nv (A1111/SD.Next NV = torch CUDA), torch-cpu (A1111 CPU, ComfyUI), "
                    + "numpy (diffusers ONNX), stepcast (Stepcast's original). Default ${DEFAULT-VALUE}.")
    String rng;

    @Option(names = "--seed", required = true, paramLabel = "S", description = "The seed.")
    long seed;

    @Option(names = "--shape", defaultValue = "1,4,64,64", paramLabel = "D1,D2,...",
            description = "Shape of one draw, comma-separated (default ${DEFAULT-VALUE}).")
    String shape;

    @Option(names = "--draws", defaultValue = "1", paramLabel = "K", description = "Successive draws (default 1).")
    int draws;

    @Option(names = "--out", required = true, paramLabel = "FILE.npy", description = "Where to write the array.")
    Path out;

    @Override
    public Integer call() throws IOException {
        NoiseSource source = NoiseSource.byId(rng).orElseThrow(() -> new UsageError("unknown --rng '" + rng
                + "' (expected one of " + NoiseSource.names() + ")"));
        checkSeed(source, seed);
        long[] dims = parseShape(shape);
        if (draws < 1) {
            throw new UsageError("--draws " + draws + " must be at least 1");
        }
        long per = 1;
        for (long d : dims) {
            per *= d;
        }
        if (per * draws > MAX_VALUES) {
            throw new UsageError("--shape " + shape + " × --draws " + draws + " is " + per * draws
                    + " values; the limit is " + MAX_VALUES);
        }
        NormalStream stream = source.stream(seed);
        float[] all = new float[(int) (per * draws)];
        for (int k = 0; k < draws; k++) {
            System.arraycopy(stream.next((int) per), 0, all, (int) (k * per), (int) per);
        }
        long[] outShape = new long[dims.length + 1];
        outShape[0] = draws;
        System.arraycopy(dims, 0, outShape, 1, dims.length);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Npy.write(out, FloatTensor.wrap(all, outShape));
        spec.commandLine().getOut().println("Wrote " + draws + " draw" + (draws == 1 ? "" : "s") + " of "
                + source.id() + " seed " + seed + " " + java.util.Arrays.toString(outShape) + " to " + out);
        return 0;
    }

    /** numpy's {@code RandomState} takes 0 ≤ seed < 2³² only; the others take any 64-bit seed. */
    static void checkSeed(NoiseSource source, long seed) {
        if (source == NoiseSource.NUMPY && (seed < 0 || seed > 0xFFFFFFFFL)) {
            throw new UsageError("seed " + seed + " is outside numpy's range 0 to 4294967295");
        }
    }

    private static long[] parseShape(String text) {
        String[] parts = text.split(",");
        long[] dims = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                dims[i] = Long.parseLong(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new UsageError("--shape " + text + ": '" + parts[i].strip() + "' is not a number");
            }
            if (dims[i] < 1) {
                throw new UsageError("--shape " + text + ": every dimension must be at least 1");
            }
        }
        return dims;
    }
}
