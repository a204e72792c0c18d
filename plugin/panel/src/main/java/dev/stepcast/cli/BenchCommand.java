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
        subcommands = {BenchCommand.Cold.class, BenchCommand.Memory.class, BenchCommand.Remote.class},
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

    /** Options of the process-level benches ({@code cold}, {@code memory}). */
    static class ProcessOptions {
        @Option(names = "--model", description = "Model folder (default: a tiny SD-shaped synthetic folder).")
        Path model;

        @Option(names = "--tokenizer", description = "CLIP tokenizer folder (vocab.json, merges.txt) to copy into "
                + "the synthetic folder, so the tokenizer costs what it does with a real model.")
        Path tokenizer;

        @Option(names = "--size", defaultValue = "512", description = "Image size, square (default ${DEFAULT-VALUE}).")
        int size;

        @Option(names = "--steps", defaultValue = "20", description = "LMS steps (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--work-dir", description = "Where to write models, caches and images (default: a "
                + "temporary folder).")
        Path workDir;

        Path workDir() throws java.io.IOException {
            return workDir != null ? java.nio.file.Files.createDirectories(workDir)
                    : java.nio.file.Files.createTempDirectory("stepcast-bench");
        }

        boolean valid() {
            return size > 0 && size % 8 == 0 && steps >= 1;
        }
    }

    /** {@code stepcast bench cold}: cold generate vs a minimal program making the same ONNX Runtime calls. */
    @Command(name = "cold", mixinStandardHelpOptions = true,
            description = "Cold generate (new JVM to PNG) against a minimal Java program making the same ONNX "
                    + "Runtime calls, interleaved; medians and the Stepcast/floor ratio.")
    static final class Cold extends ProcessOptions implements Callable<Integer> {
        @Option(names = "--runs", defaultValue = "5", description = "Measured rounds (default ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--jvm-defaults", description = "Run all three programs with the JVM's default options "
                + "instead of the standalone launcher's.")
        boolean jvmDefaults;

        @Override
        public Integer call() throws Exception {
            if (!valid() || runs < 1) {
                System.err.println("bench cold: runs and steps must be ≥ 1, size a positive multiple of 8");
                return 2;
            }
            Path dir = workDir();
            Path folder = dev.stepcast.cli.bench.BenchProcesses.model(model, tokenizer, dir);
            dev.stepcast.cli.bench.BenchProcesses.cold(folder, size, steps, runs, dir, jvmDefaults, System.out);
            return 0;
        }
    }

    /** {@code stepcast bench memory}: RSS and heap after N generations, JVM defaults vs the launchers' options. */
    @Command(name = "memory", mixinStandardHelpOptions = true,
            description = "Resident memory and heap after N generations in one process, with the JVM's default "
                    + "options and with the shipped launchers' options.")
    static final class Memory extends ProcessOptions implements Callable<Integer> {
        @Option(names = "--generations", defaultValue = "30",
                description = "Generations per process, ≥ 5 (default ${DEFAULT-VALUE}).")
        int generations;

        @Override
        public Integer call() throws Exception {
            if (!valid() || generations < 5) {
                System.err.println("bench memory: generations must be ≥ 5, steps ≥ 1, size a positive multiple of 8");
                return 2;
            }
            Path dir = workDir();
            Path folder = dev.stepcast.cli.bench.BenchProcesses.model(model, tokenizer, dir);
            dev.stepcast.cli.bench.BenchProcesses.memory(folder, size, steps, generations, dir, System.out);
            return 0;
        }
    }

    /** {@code stepcast bench remote}: server step end → preview painted, sdapi polling vs push, on stand-ins. */
    @Command(name = "remote", mixinStandardHelpOptions = true,
            description = "Server step end → preview painted latency (p50/p95) and previews painted per step, for "
                    + "sdapi polling at 250 ms and 1 s versus push (SD.Next v2, ComfyUI), against in-process "
                    + "stand-in servers making one preview per step. Prints a markdown table.")
    static final class Remote implements Callable<Integer> {
        @Option(names = "--runs", defaultValue = "3", description = "Runs per scenario, ≥ 1 (default ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--steps", defaultValue = "20", description = "Steps per run, ≥ 1 (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--step-ms", defaultValue = "200",
                description = "Time one step takes on the stand-ins, ≥ 1 ms (default ${DEFAULT-VALUE}).")
        int stepMs;

        @Override
        public Integer call() throws Exception {
            if (runs < 1 || steps < 1 || stepMs < 1) {
                System.err.println("bench remote: runs, steps and step-ms must be ≥ 1");
                return 2;
            }
            System.out.print(new dev.stepcast.cli.bench.RemoteBench(runs, steps, stepMs, System.err).run());
            System.out.flush();
            return 0;
        }
    }

    /** Runs the bench alone (the same as {@code stepcast bench …}). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}
