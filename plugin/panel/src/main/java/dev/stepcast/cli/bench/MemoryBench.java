package dev.stepcast.cli.bench;

import dev.stepcast.app.LauncherOptions;
import dev.stepcast.engine.CacheFolder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code stepcast bench memory}: {@code generations} pictures in one process ({@link MemoryProbe}), once with the
 * JVM's default options and once with the shipped launchers' ({@link LauncherOptions#STANDALONE}); prints resident
 * set size and heap after the 1st, 5th and last generation, and the bytes allocated per generation.
 *
 * <p><b>Threads:</b> the bench thread; each probe runs in a child process.
 */
final class MemoryBench {

    private MemoryBench() {
    }

    /** One probe's lines: per generation RSS, heap used, heap committed, allocated (KiB). */
    record Row(String options, List<long[]> generations) {
        long[] at(int generation) {
            return generations.get(Math.min(generation, generations.size()) - 1);
        }
    }

    static List<Row> run(Path model, int size, int steps, int generations, Path workDir)
            throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        for (List<String> options : List.of(List.<String>of(), LauncherOptions.STANDALONE)) {
            List<String> jvm = new ArrayList<>(options);
            jvm.add("-D" + CacheFolder.PROPERTY + "=" + workDir.resolve("cache"));
            String out = ChildProcess.run(jvm, MemoryProbe.class.getName(), List.of(model.toString(),
                    Integer.toString(size), Integer.toString(steps), Integer.toString(generations)), workDir).stdout();
            List<long[]> lines = new ArrayList<>();
            for (String line : out.split("\\R")) {
                if (!line.isBlank()) {
                    String[] f = line.trim().split(" ");
                    lines.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                            Long.parseLong(f[4])});
                }
            }
            rows.add(new Row(options.isEmpty() ? "JVM defaults" : String.join(" ", options), lines));
        }
        return rows;
    }

    static void print(List<Row> rows, int size, int steps, int generations, PrintStream out) {
        out.printf(Locale.ROOT, "memory after N generations at %d×%d, %d LMS steps (MiB; RSS from /proc):%n",
                size, size, steps);
        out.printf(Locale.ROOT, "| options | RSS @1 | RSS @5 | RSS @%d | heap committed @%d | allocated per generation |%n",
                generations, generations);
        out.println("|---|---|---|---|---|---|");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %.1f |%n", r.options(), r.at(1)[0] / 1024.0,
                    r.at(5)[0] / 1024.0, r.at(generations)[0] / 1024.0, r.at(generations)[2] / 1024.0,
                    r.at(generations)[3] / 1024.0);
        }
    }
}
