package dev.stepcast.engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Refuses, before anything runs, image sizes whose tensors cannot fit this machine, and names the largest square size
 * that would. Two budgets: the JVM heap (the decoded image as floats and as pixels, about 16 bytes a pixel, and Java
 * arrays are indexed by int) and the machine's physical memory for ONNX Runtime's native activations (the VAE decoder's
 * full-resolution blocks: 128 float channels, about three live at once, about 1.5 KB a pixel).
 *
 * <pre>{@code
 * SizeLimits.forThisMachine().problem(100_000, 100_000)   // "100000×100000 is too large for this machine: …"
 * }</pre>
 *
 * <p><b>Threads:</b> immutable; thread-safe.
 */
public final class SizeLimits {

    /** Java heap bytes per output pixel: RGB floats (12) plus the ARGB image (4). */
    static final long JAVA_BYTES_PER_PIXEL = 16;
    /** Native bytes per output pixel at the VAE decoder's last blocks: 128 channels × 4 bytes × 3 live tensors. */
    static final long NATIVE_BYTES_PER_PIXEL = 128L * 4 * 3;

    private final long javaBytes;
    private final long nativeBytes;

    /** Limits for a heap of {@code javaBytes} and a machine with {@code nativeBytes} of physical memory. */
    public SizeLimits(long javaBytes, long nativeBytes) {
        this.javaBytes = javaBytes;
        this.nativeBytes = nativeBytes;
    }

    /** Limits for this JVM's maximum heap and this machine's physical memory. */
    public static SizeLimits forThisMachine() {
        return new SizeLimits(Runtime.getRuntime().maxMemory(), PhysicalMemory.BYTES);
    }

    /** The machine's physical memory, found once per process (the size field asks on every key stroke). */
    private static final class PhysicalMemory {
        static final long BYTES = physicalMemory();
    }

    /**
     * On Linux, {@code MemTotal} of {@code /proc/meminfo} capped by the container's memory limit (cgroup v2
     * {@code memory.max} or v1 {@code memory.limit_in_bytes}), read straight from the files; elsewhere the JVM's
     * operating-system bean. The bean answers the same on Linux, but its first use initialises the JVM's platform
     * MBeans, ~50 ms of a cold start that a cold {@code generate} spent on its critical path.
     */
    static long physicalMemory() {
        OptionalLong linux = linuxMemory(Path.of("/proc/meminfo"), Path.of("/sys/fs/cgroup/memory.max"),
                Path.of("/sys/fs/cgroup/memory/memory.limit_in_bytes"));
        if (linux.isPresent()) {
            return linux.getAsLong();
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Long.MAX_VALUE;
    }

    /** {@code MemTotal} of {@code meminfo} (kB) capped by a numeric limit in either cgroup file; empty if unreadable. */
    static OptionalLong linuxMemory(Path meminfo, Path cgroup2, Path cgroup1) {
        long total;
        try {
            total = Files.readAllLines(meminfo, StandardCharsets.US_ASCII).stream()
                    .filter(line -> line.startsWith("MemTotal:"))
                    .map(line -> line.replaceAll("[^0-9]", ""))
                    .filter(digits -> !digits.isEmpty())
                    .mapToLong(digits -> Long.parseLong(digits) * 1024)
                    .findFirst().orElse(-1);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        if (total <= 0) {
            return OptionalLong.empty();
        }
        for (Path limit : new Path[] {cgroup2, cgroup1}) {
            try {
                String text = Files.readString(limit, StandardCharsets.US_ASCII).strip();
                if (text.matches("[0-9]{1,18}")) {
                    total = Math.min(total, Long.parseLong(text));
                }
            } catch (IOException | RuntimeException e) {
                // no such cgroup file: no container limit there
            }
        }
        return OptionalLong.of(total);
    }

    /** The largest pixel count that fits both budgets (and Java's int-indexed arrays of RGB floats). */
    public long maxPixels() {
        long java = javaBytes / JAVA_BYTES_PER_PIXEL;
        long nat = nativeBytes / NATIVE_BYTES_PER_PIXEL;
        return Math.min(Math.min(java, nat), Integer.MAX_VALUE / 3);
    }

    /** The largest square side (a multiple of 64) that fits. */
    public int largestSquare() {
        long side = (long) Math.sqrt((double) maxPixels());
        return (int) Math.max(64, side / 64 * 64);
    }

    /** Why {@code width}×{@code height} cannot run here, or empty when it fits. */
    public Optional<String> problem(int width, int height) {
        long pixels = (long) width * height;
        if (pixels <= maxPixels()) {
            return Optional.empty();
        }
        double gib = pixels * (double) Math.max(NATIVE_BYTES_PER_PIXEL, JAVA_BYTES_PER_PIXEL) / (1L << 30);
        int side = largestSquare();
        return Optional.of(String.format(Locale.ROOT, "%d×%d is too large for this machine (it needs about %s of"
                + " memory for its tensors; Java has %.1f GiB, the machine %.1f GiB); the largest that fits is %d×%d",
                width, height, gib >= 1024 ? String.format(Locale.ROOT, "%.0f TiB", gib / 1024)
                        : String.format(Locale.ROOT, "%.1f GiB", gib),
                javaBytes / (double) (1L << 30), nativeBytes / (double) (1L << 30), side, side));
    }

    /**
     * Why {@code width}×{@code height} does not fit a UNet that takes only multiples of {@code multiple} pixels (64
     * for SD's three down-sampling stages), naming the nearest sizes that do, or empty when it fits.
     */
    public static Optional<String> multipleProblem(int width, int height, int multiple) {
        int m = Math.max(1, multiple);
        if (width % m == 0 && height % m == 0) {
            return Optional.empty();
        }
        int lowW = Math.max(m, width / m * m);
        int lowH = Math.max(m, height / m * m);
        int highW = (width + m - 1) / m * m;
        int highH = (height + m - 1) / m * m;
        String nearest = lowW == highW && lowH == highH ? lowW + "×" + lowH
                : lowW + "×" + lowH + " or " + highW + "×" + highH;
        return Optional.of(width + "×" + height + " does not fit this UNet: sizes must be multiples of " + m
                + " px; nearest: " + nearest);
    }
}
