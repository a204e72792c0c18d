package dev.stepcast.cli.bench;

import java.util.List;

/**
 * What one generation through the real SwingWorker path measured.
 *
 * @param totalNanos      the engine's wall time of the run (text encoding to final image)
 * @param cpuNanos        CPU time of the whole process from start to the finished callback (-1 if unknown)
 * @param denoiseNanos    the engine's wall time of the denoising loop
 * @param steps           steps run
 * @param decodes         previews decoded
 * @param dropped         stale frames replaced in the mailbox before being decoded
 * @param latencyNanos    per painted preview: step end → first paint
 * @param decodeToPaintNanos per painted preview: decode finished → first paint
 * @param edtMaxStallNanos the longest lateness of the EDT heartbeat during the run
 *
 * <p><b>Threads:</b> immutable.
 */
record RunMeasure(long totalNanos, long cpuNanos, long denoiseNanos, int steps, int decodes, int dropped, List<Long> latencyNanos,
                  List<Long> decodeToPaintNanos, long edtMaxStallNanos) {
}
