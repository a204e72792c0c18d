package dev.stepcast.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepcast.engine.GenerationResult;
import dev.stepcast.engine.ProviderReport;
import dev.stepcast.engine.io.JsonMappers;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The one-line (or JSON) summary {@code generate} prints: file, size, steps, sampler, seed, provider, seconds and
 * seconds per step.
 *
 * <p><b>Threads:</b> stateless.
 */
final class Summary {

    private Summary() {
    }

    static String line(GenerationResult r, ProviderReport provider, Path out) {
        return line(r, r.scheduler().displayName(), provider.summary(), out);
    }

    /** The summary of a run on a server: its description instead of the execution provider. */
    static String remoteLine(GenerationResult r, Path out) {
        return line(r, r.scheduler() == null ? "(server's sampler)" : r.scheduler().displayName(), r.provider(), out);
    }

    private static String line(GenerationResult r, String sampler, String where, Path out) {
        String line = String.format(Locale.ROOT, "%s: %d×%d, %d steps %s, seed %d, %s, %.2f s, %.3f s/step", out,
                r.image().getWidth(), r.image().getHeight(), r.stepsRun(), sampler, r.request().seed(), where,
                r.totalNanos() / 1e9, r.secondsPerStep());
        return r.warnings().isEmpty() ? line : line + " (warning: " + String.join("; ", r.warnings()) + ")";
    }

    static String remoteJson(GenerationResult r, Path out) {
        ObjectNode n = jsonStart(r, out, r.scheduler() == null ? null : r.scheduler().cliName());
        n.put("server", r.provider());
        n.put("checkpoint", r.request().checkpoint());
        return jsonEnd(n, r);
    }

    static String json(GenerationResult r, ProviderReport provider, Path out) {
        ObjectNode n = jsonStart(r, out, r.scheduler().cliName());
        n.put("provider", provider.used().cliName());
        n.put("providerRequested", provider.requested().cliName());
        n.put("providerReason", provider.reason());
        return jsonEnd(n, r);
    }

    /** The fields every summary starts with, in order. */
    private static ObjectNode jsonStart(GenerationResult r, Path out, String scheduler) {
        ObjectNode n = JsonMappers.create().createObjectNode();
        n.put("out", out.toString());
        n.put("width", r.image().getWidth());
        n.put("height", r.image().getHeight());
        n.put("steps", r.request().steps());
        n.put("stepsRun", r.stepsRun());
        n.put("scheduler", scheduler);
        n.put("seed", r.request().seed());
        n.put("guidance", r.request().guidanceScale());
        return n;
    }

    /** The timing and warnings every summary ends with. */
    private static String jsonEnd(ObjectNode n, GenerationResult r) {
        n.put("seconds", r.totalNanos() / 1e9);
        n.put("secondsPerStep", r.secondsPerStep());
        var warnings = n.putArray("warnings");
        r.warnings().forEach(warnings::add);
        return n.toString();
    }
}
