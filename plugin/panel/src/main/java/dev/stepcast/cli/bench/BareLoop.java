package dev.stepcast.cli.bench;

import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.GenerationResult;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.StableDiffusionModel;
import dev.stepcast.engine.StepListener;
import dev.stepcast.engine.bench.BareUnetLoop;
import dev.stepcast.engine.GenerationCancelledException;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine pipeline's Java-side overhead: the per-step time of {@code generate} (previews off, no listener) against
 * the engine's {@link BareUnetLoop} — the same UNet ONNX Runtime calls with nothing else — run alternately
 * {@code runs} times so machine drift hits both alike.
 *
 * @param bareMillisPerStep     median bare-loop milliseconds per step
 * @param pipelineMillisPerStep median pipeline denoising milliseconds per step
 *
 * <p><b>Threads:</b> the bench thread, while no other generation runs.
 */
record BareLoop(double bareMillisPerStep, double pipelineMillisPerStep) {

    static BareLoop measure(StableDiffusionModel model, GenerationRequest request, int runs)
            throws ModelException, GenerationCancelledException {
        boolean guidance = request.guidanceScale() > 1f;
        List<Double> bare = new ArrayList<>();
        List<Double> pipeline = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            BareUnetLoop.Result b = BareUnetLoop.run(model, request.width(), request.height(), request.steps(),
                    guidance);
            GenerationResult p = model.generate(request, StepListener.NONE, new CancellationToken());
            if (i > 0) { // the first round warms up
                bare.add(b.secondsPerStep() * 1e3);
                pipeline.add(p.denoiseNanos() / 1e6 / p.stepsRun());
            }
        }
        return new BareLoop(Stats.median(bare), Stats.median(pipeline));
    }

    /** Pipeline step / bare step − 1. */
    double overhead() {
        return pipelineMillisPerStep / bareMillisPerStep - 1;
    }
}
