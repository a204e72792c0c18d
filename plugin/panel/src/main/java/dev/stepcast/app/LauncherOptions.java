package dev.stepcast.app;

import java.util.List;

/**
 * The JVM options of the launchers Stepcast ships (the packaged standalone app and the packaged host stub; pass
 * them to {@code java -jar} by hand). Chosen by measurement ({@code stepcast bench memory}, README "Performance"):
 * with the JVM's defaults on a 24 GiB machine the heap is allowed to grow to 6 GiB and G1 never gives memory back,
 * so a process that makes 30 pictures at 512² sits at 470–650 MB resident. With a 320 MB ceiling G1 still grows its
 * heap to the ceiling when pictures come back to back (≈ 340 MB resident after 30); the serial collector with the
 * same ceiling stays near 190 MB, and a desktop app with one user and a small heap does not notice its pauses.
 *
 * <p>The standalone launcher also stops the JIT at C1 ({@code -XX:TieredStopAtLevel=1}): its work is in ONNX
 * Runtime's native code, and on a two-core machine the C2 compiler threads of a cold start took the CPU the main
 * thread needed ({@code stepcast bench cold}, same options for Stepcast and the floor: ×1.26 of the floor with C2,
 * ×1.13 with C1 alone). The Java-side work per picture (scheduler arithmetic, image conversion, PNG filtering) is
 * milliseconds either way.
 *
 * <p><b>Threads:</b> constants.
 */
public final class LauncherOptions {

    /** The standalone app and CLI: a heap ceiling well above what one generation and the history need. */
    public static final List<String> STANDALONE = List.of("-XX:+UseSerialGC", "-Xmx320m",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:TieredStopAtLevel=1");

    /** The host stub is an editor: documents and undo need more heap; memory still goes back when idle. */
    public static final List<String> HOST_STUB = List.of("-XX:+UseG1GC", "-Xmx1g",
            "-XX:G1PeriodicGCInterval=2000", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");

    private LauncherOptions() {
    }
}
