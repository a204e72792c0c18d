package dev.stepcast.cli;

import dev.stepcast.cli.bench.Bench;
import dev.stepcast.cli.bench.BenchSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stepcast bench}: measures what live previews cost, on a synthetic SD-shaped model set with realistic cost
 * ratios, through the real pipeline and the real SwingWorker path. Prints a table (and JSON with {@code --json}).
 * With a display (e.g. {@code xvfb-run}) previews are painted in a real window; headless, offscreen.
 *
 * <p><b>Threads:</b> picocli calls {@link #call()} on the main thread; the bench drives the EDT itself.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure live-preview cost: wall-time ratios vs previews off, step-end→paint latency, "
                + "EDT stalls, decode counts, Java overhead vs a bare ONNX Runtime loop.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--steps", defaultValue = "20", description = "Denoising steps per run (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--size", defaultValue = "512", description = "Image size in pixels, square (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--runs", defaultValue = "5", description = "Measured runs per scenario, ≥ 1 (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--full-interval", defaultValue = "5", description = "N of the full-VAE scenario (default ${DEFAULT-VALUE}).")
    int fullInterval;

    @Option(names = "--inactive-interval", defaultValue = "5",
            description = "N of the inactive-host scenarios (default ${DEFAULT-VALUE}).")
    int inactiveInterval;

    @Option(names = "--unet-cost", description = "Extra conv layers in the synthetic UNet.")
    Integer unetCost;

    @Option(names = "--tiny-cost", description = "Extra conv layers in the synthetic tiny decoder.")
    Integer tinyCost;

    @Option(names = "--vae-cost", description = "Extra conv layers in the synthetic VAE decoder.")
    Integer vaeCost;

    @Option(names = "--cost-width", description = "Channels of the extra conv layers.")
    Integer costWidth;

    @Option(names = "--work-dir", description = "Where to write the synthetic model set (default: a temporary folder).")
    Path workDir;

    @Option(names = "--json", description = "Also print the results as JSON.")
    boolean json;

    @Option(names = "--json-out", description = "Write the JSON results to this file.")
    Path jsonOut;

    @Override
    public Integer call() throws Exception {
        if (steps < 1 || runs < 1 || size <= 0 || size % 8 != 0 || fullInterval < 1 || fullInterval > 50
                || inactiveInterval < 1 || inactiveInterval > 50) {
            System.err.println("bench: steps and runs must be ≥ 1, size a positive multiple of 8, intervals in 1–50");
            return 2;
        }
        if (jsonOut != null) {
            GenerateCommand.checkWritable("--json-out", jsonOut);
        }
        BenchSettings settings = BenchSettings.of(steps, size, runs, fullInterval, inactiveInterval, unetCost,
                tinyCost, vaeCost, costWidth, workDir);
        return new Bench(settings, System.out, System.err).run(json, jsonOut);
    }

    /** Runs the bench alone (the same as {@code stepcast bench …}). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}
