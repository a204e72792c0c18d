package dev.stepcast.cli.bench;

import dev.stepcast.engine.FloatTensor;
import dev.stepcast.engine.GaussianNoise;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.preview.ApproximatePreviewer;
import dev.stepcast.engine.preview.LatentPreviewer;
import dev.stepcast.engine.preview.LatentRgbMap;
import dev.stepcast.engine.preview.TinyDecoderPreviewer;
import dev.stepcast.engine.preview.VaePreviewer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cost of each previewer on its own, measured on one x0 of the bench's size: approximate map, tiny decoder,
 * full VAE (medians of repeated calls after a warm-up), to report the cost ratios the synthetic set really has.
 *
 * @param approximateNanos median cost of one approximate preview
 * @param tinyNanos        median cost of one tiny-decoder preview
 * @param vaeNanos         median cost of one full VAE decode
 *
 * <p><b>Threads:</b> {@link #measure} on the bench thread while no generation runs.
 */
record CostProfile(double approximateNanos, double tinyNanos, double vaeNanos) {

    static CostProfile measure(StableDiffusionModel model, Path tinyDecoder, int latentSize) throws ModelException {
        float[] values = new GaussianNoise(7).next(4 * latentSize * latentSize);
        FloatTensor x0 = FloatTensor.wrap(values, 1, 4, latentSize, latentSize);
        double approximate = median(new ApproximatePreviewer(LatentRgbMap.SD1), x0, 200);
        double tiny;
        try (TinyDecoderPreviewer previewer = TinyDecoderPreviewer.open(tinyDecoder)) {
            tiny = median(previewer, x0, 7);
        }
        double vae = median(new VaePreviewer(model), x0, 5);
        return new CostProfile(approximate, tiny, vae);
    }

    private static double median(LatentPreviewer previewer, FloatTensor x0, int calls) throws ModelException {
        previewer.preview(x0); // warm-up
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            previewer.preview(x0);
            times.add(System.nanoTime() - start);
        }
        return Stats.median(times);
    }
}
