package dev.stepcast.cli.bench;

import dev.stepcast.engine.Backend;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.remote.Backends;
import dev.stepcast.engine.remote.RemoteServer;
import dev.stepcast.engine.remote.RemoteServer.Protocol;
import dev.stepcast.panel.preview.PreviewMethod;
import dev.stepcast.standins.ComfyUiStandIn;
import dev.stepcast.standins.SdNextV2StandIn;
import dev.stepcast.standins.SdapiStandIn;
import dev.stepcast.standins.StandInServer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code stepcast bench remote}: server step end → preview painted, for sdapi progress polling (250 ms and 1 s) versus
 * push (SD.Next v2 job socket, ComfyUI {@code /ws}), against in-process stand-in servers that make one preview per
 * step. Each generation runs through the real {@code GenerationWorker} with a {@link Backend} from
 * {@link Backends#connect}; the stand-ins note {@link System#nanoTime()} when they finish each step (same JVM, so the
 * clock is shared), the view notes when each preview is first painted.
 *
 * <p><b>Threads:</b> {@link #run} on the calling (bench) thread, never the EDT; the EDT is driven by {@link SwingRun}.
 */
public final class RemoteBench {

    private final int runs;
    private final int steps;
    private final int stepMillis;
    private final PrintStream log;

    /** One measured remote scenario: the pooled latencies of all runs and the previews painted per step run. */
    record Row(String name, String transport, List<Long> latencyNanos, int painted, int steps) {
        double p50Ms() {
            return Stats.ms(Stats.percentile(latencyNanos, 50));
        }

        double p95Ms() {
            return Stats.ms(Stats.percentile(latencyNanos, 95));
        }
    }

    public RemoteBench(int runs, int steps, int stepMillis, PrintStream log) {
        this.runs = runs;
        this.steps = steps;
        this.stepMillis = stepMillis;
        this.log = log;
    }

    /** Measures the four scenarios and returns the markdown table. */
    public String run() throws Exception {
        List<Row> rows = new ArrayList<>();
        try (SwingRun swing = new SwingRun()) {
            try (SdapiStandIn server = new SdapiStandIn(SdapiStandIn.Flavour.SDNEXT).start()) {
                rows.add(measure(swing, "sdapi, polling 250 ms", "poll /sdapi/v1/progress", server,
                        RemoteServer.of(server.url(), Protocol.SDAPI).withPollInterval(Duration.ofMillis(250)),
                        SdapiStandIn.CHECKPOINTS.get(0)));
                rows.add(measure(swing, "sdapi, polling 1 s", "poll /sdapi/v1/progress", server,
                        RemoteServer.of(server.url(), Protocol.SDAPI).withPollInterval(Duration.ofMillis(1000)),
                        SdapiStandIn.CHECKPOINTS.get(0)));
            }
            try (SdNextV2StandIn server = new SdNextV2StandIn().start()) {
                rows.add(measure(swing, "SD.Next v2, push", "job WebSocket, JPEG", server,
                        RemoteServer.of(server.url(), Protocol.SDNEXT_V2), null));
            }
            try (ComfyUiStandIn server = new ComfyUiStandIn().start()) {
                rows.add(measure(swing, "ComfyUI, push", "/ws binary frames, JPEG", server,
                        RemoteServer.of(server.url(), Protocol.COMFYUI), ComfyUiStandIn.CHECKPOINTS.get(1)));
            }
        }
        return table(rows, steps, stepMillis, runs);
    }

    private Row measure(SwingRun swing, String name, String transport, StandInServer server, RemoteServer remote,
                        String checkpoint) throws Exception {
        server.stepDuration(Duration.ofMillis(stepMillis));
        GenerationRequest request = GenerationRequest.txt2img("a lighthouse on a cliff at dusk", "", 512, 512, steps,
                7f, 1234);
        if (checkpoint != null) {
            request = request.withCheckpoint(checkpoint);
        }
        Scenario scenario = Scenario.of(name, PreviewMethod.AUTO, 1, true, false);
        List<Long> latencies = new ArrayList<>();
        int painted = 0;
        int ran = 0;
        log.println("bench remote: " + name + " (" + runs + " runs)");
        try (Backend backend = Backends.connect(remote)) {
            for (int i = 0; i < runs; i++) {
                server.clearStepEnds();
                SwingRun.RemoteMeasure m = swing.runRemote(backend, request, scenario, server::stepEndNanos);
                latencies.addAll(m.latencyNanos());
                painted += m.painted();
                ran += m.steps();
            }
        }
        return new Row(name, transport, latencies, painted, ran);
    }

    static String table(List<Row> rows, int steps, int stepMillis, int runs) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Remote previews: %d steps of %d ms, %d runs per scenario, one preview "
                + "per step on the server%n%n", steps, stepMillis, runs));
        sb.append("| Scenario | Transport | step end → painted p50 (ms) | p95 (ms) | previews painted / steps |\n");
        sb.append("|---|---|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d/%d |%n", r.name(), r.transport(),
                    fmt(r.p50Ms()), fmt(r.p95Ms()), r.painted(), r.steps()));
        }
        return sb.toString();
    }

    private static String fmt(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}
