package dev.stepcast.cli.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The medians of one scenario over the repetitions, each ratio against previews off in the same repetition.
 *
 * @param name               scenario name
 * @param method             preview method
 * @param interval           preview every N steps
 * @param hostActive         whether the host was active
 * @param keepWhenInactive   the keep-refreshing option
 * @param runs               repetitions measured
 * @param wallRatio          median of (run wall time / previews-off wall time of the same repetition)
 * @param cpuRatio           median of (process CPU time of the run / that of previews off in the same repetition):
 *                           the work previews add, little affected by other processes on a shared machine
 * @param wallMillis         median run wall time (engine: text encoding to final image)
 * @param latencyP50Millis   step end → preview painted, 50th percentile over all painted previews
 * @param latencyP95Millis   the same, 95th percentile
 * @param edtStallMedianMillis median over runs of the longest EDT heartbeat lateness in the run
 * @param edtStallMaxMillis  the longest EDT heartbeat lateness in any run
 * @param decodesMedian      median previews decoded per run
 * @param decodesExpected    ceil(steps / N) when previews may decode, else 0
 * @param droppedMedian      median stale frames dropped per run (tiny/full only)
 * @param decodeToPaintP50Millis decode finished → painted, 50th percentile (the SwingWorker publish/process hop,
 *                           which the JDK coalesces on a 1000/30 ms timer, plus painting)
 *
 * <p><b>Threads:</b> immutable.
 */
record ScenarioSummary(String name, String method, int interval, boolean hostActive, boolean keepWhenInactive,
                       int runs, double wallRatio, double cpuRatio, double wallMillis, double latencyP50Millis,
                       double latencyP95Millis, double edtStallMedianMillis, double edtStallMaxMillis,
                       double decodesMedian, int decodesExpected, double droppedMedian, double decodeToPaintP50Millis) {

    static ScenarioSummary of(Scenario scenario, List<RunMeasure> runs, List<RunMeasure> offRuns) {
        List<Double> ratios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        List<Long> walls = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        List<Long> stalls = new ArrayList<>();
        List<Integer> decodes = new ArrayList<>();
        List<Integer> dropped = new ArrayList<>();
        List<Long> toPaint = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RunMeasure run = runs.get(i);
            ratios.add((double) run.totalNanos() / offRuns.get(i).totalNanos());
            if (run.cpuNanos() > 0 && offRuns.get(i).cpuNanos() > 0) {
                cpuRatios.add((double) run.cpuNanos() / offRuns.get(i).cpuNanos());
            }
            walls.add(run.totalNanos());
            latencies.addAll(run.latencyNanos());
            toPaint.addAll(run.decodeToPaintNanos());
            stalls.add(run.edtMaxStallNanos());
            decodes.add(run.decodes());
            dropped.add(run.dropped());
        }
        int n = scenario.settings().interval();
        boolean allowed = scenario.active() || scenario.settings().keepWhenInactive();
        int expected = scenario.settings().method() == dev.stepcast.panel.preview.PreviewMethod.NONE || !allowed
                ? 0 : (runs.get(0).steps() + n - 1) / n;
        return new ScenarioSummary(scenario.name(), scenario.settings().method().name(), n, scenario.active(),
                scenario.settings().keepWhenInactive(), runs.size(), Stats.round(Stats.median(ratios), 4), Stats.round(Stats.median(cpuRatios), 4),
                Stats.round(Stats.ms(Stats.median(walls)), 1),
                Stats.round(Stats.ms(Stats.percentile(latencies, 50)), 1),
                Stats.round(Stats.ms(Stats.percentile(latencies, 95)), 1),
                Stats.round(Stats.ms(Stats.median(stalls)), 1), Stats.round(Stats.ms(Stats.max(stalls)), 1),
                Stats.median(decodes), expected, Stats.median(dropped),
                Stats.round(Stats.ms(Stats.percentile(toPaint, 50)), 1));
    }
}
