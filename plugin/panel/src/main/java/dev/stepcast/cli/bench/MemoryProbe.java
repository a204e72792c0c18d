package dev.stepcast.cli.bench;

import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.GenerationResult;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.SchedulerKind;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The process {@code stepcast bench memory} starts, once per set of JVM options: loads a model, makes N generations
 * the way the CLI and the standalone window make them (generate, encode the PNG), and after each prints one line
 * {@code gen RSS_KIB HEAP_USED_KIB HEAP_COMMITTED_KIB ALLOCATED_KIB} — resident set size from
 * {@code /proc/self/status} (Linux), the heap as the JVM reports it, and the bytes this thread allocated during the
 * generation ({@code com.sun.management.ThreadMXBean}).
 *
 * <p><b>Threads:</b> one (main).
 */
public final class MemoryProbe {

    private MemoryProbe() {
    }

    /** {@code MODEL_DIR SIZE STEPS GENERATIONS}. */
    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        int size = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        int generations = Integer.parseInt(args[3]);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (StableDiffusionModel sd = StableDiffusionModel.load(model, ExecutionProvider.CPU)) {
            for (int i = 1; i <= generations; i++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                GenerationRequest request = GenerationRequest.txt2img("a lighthouse at dusk", "blurry", size, size,
                        steps, 7.5f, i).withScheduler(SchedulerKind.LMS);
                GenerationResult result = sd.generate(request, e -> { }, new CancellationToken());
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                ImageIO.write(result.image(), "png", png);
                long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                System.out.println(i + " " + rssKib() + " " + heap.getUsed() / 1024 + " " + heap.getCommitted() / 1024
                        + " " + allocated / 1024);
            }
        }
    }

    /** VmRSS from /proc/self/status in KiB, or -1 where there is no such file. */
    static long rssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
