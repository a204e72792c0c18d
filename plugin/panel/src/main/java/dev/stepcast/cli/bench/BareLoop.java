package dev.stepcast.cli.bench;

import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.bench.BareUnetLoop;
import dev.stepcast.engine.GenerationCancelledException;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine pipeline's Java-side overhead: the per-step time of {@code generate} (previews off; a listener that only
 * notes the first and last step, so text encoding and the final decode stay out) against
 * the engine's {@link BareUnetLoop} — the same UNet ONNX Runtime calls with nothing else — run alternately
 * {@code runs} times so machine drift hits both alike.
 *
 * @param bareMillisPerStep     median bare-loop milliseconds per step
 * @param pipelineMillisPerStep median pipeline denoising milliseconds per step
 * @param cpuOverhead           median of (pipeline CPU time per step / bare-loop CPU time per step) − 1
 *
 * <p><b>Threads:</b> the bench thread, while no other generation runs.
 */
record BareLoop(double bareMillisPerStep, double pipelineMillisPerStep, double cpuOverhead) {

    static BareLoop measure(StableDiffusionModel model, GenerationRequest request, int runs)
            throws ModelException, GenerationCancelledException {
        boolean guidance = request.guidanceScale() > 1f;
        List<Double> bare = new ArrayList<>();
        List<Double> pipeline = new ArrayList<>();
        List<Double> cpuRatio = new ArrayList<>();
        if (request.steps() < 2) {
            return new BareLoop(Double.NaN, Double.NaN, Double.NaN);
        }
        for (int i = 0; i <= runs; i++) {
            long cpu0 = ProcessCpu.nanos();
            BareUnetLoop.Result b = BareUnetLoop.run(model, request.width(), request.height(), request.steps(),
                    guidance);
            long cpu1 = ProcessCpu.nanos();
            long[] firstAndLast = new long[4]; // CPU and wall at the end of step 1 and of the last step
            model.generate(request, event -> {
                int slot = event.step() == 1 ? 0 : event.step() == event.totalSteps() ? 2 : -1;
                if (slot >= 0) {
                    firstAndLast[slot] = ProcessCpu.nanos();
                    firstAndLast[slot + 1] = event.elapsedNanos();
                }
            }, new CancellationToken());
            if (i > 0) { // the first round warms up
                int between = request.steps() - 1; // steps 2..N, so text encoding and the final decode stay out
                bare.add(b.secondsPerStep() * 1e3);
                pipeline.add((firstAndLast[3] - firstAndLast[1]) / 1e6 / between);
                double pipelineCpu = (firstAndLast[2] - firstAndLast[0]) / (double) between;
                cpuRatio.add(pipelineCpu / ((cpu1 - cpu0) / (double) b.steps()));
            }
        }
        return new BareLoop(Stats.median(bare), Stats.median(pipeline), Stats.median(cpuRatio) - 1);
    }

    /** Pipeline step / bare step − 1. */
    double overhead() {
        return pipelineMillisPerStep / bareMillisPerStep - 1;
    }
}
