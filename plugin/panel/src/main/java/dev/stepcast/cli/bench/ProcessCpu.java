package dev.stepcast.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * CPU time consumed by this whole process (all Java and native threads, ONNX Runtime's included). On a shared
 * machine wall time also measures the neighbours; CPU time measures what the previews themselves add.
 *
 * <p><b>Threads:</b> stateless; any thread.
 */
final class ProcessCpu {

    private ProcessCpu() {
    }

    /** Process CPU time in nanoseconds, or -1 when the JVM does not report it. */
    static long nanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }
}
