package dev.stepcast.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.synthetic.SyntheticModelWriter;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sizes the UNet cannot take are refused before anything runs, naming the nearest sizes that work: an SD-shaped UNet
 * (three down-sampling stages, skip connections joined with Concat) takes only multiples of 64 px; 72×72 used to fail
 * deep inside ONNX Runtime with "Non concat axis dimensions must match".
 */
class UnetSizeMultipleTest {

    @TempDir
    Path temp;

    @Test
    void sd_shaped_unet_refuses_72_by_72_naming_the_nearest_sizes() throws Exception {
        Path folder = SyntheticModelWriter.write(temp.resolve("sd"), SyntheticOptions.defaults(), 3);
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            assertThat(model.unet().latentMultiple()).isEqualTo(8);
            assertThat(model.sizeProblem(72, 72)).isEqualTo(Optional.of(
                    "72×72 does not fit this UNet: sizes must be multiples of 64 px; nearest: 64×64 or 128×128"));
            assertThat(model.sizeProblem(8, 8)).isEqualTo(Optional.of(
                    "8×8 does not fit this UNet: sizes must be multiples of 64 px; nearest: 64×64"));
            assertThat(model.sizeProblem(64, 200)).isEqualTo(Optional.of(
                    "64×200 does not fit this UNet: sizes must be multiples of 64 px; nearest: 64×192 or 64×256"));
            assertThat(model.sizeProblem(128, 64)).isEmpty();
            long runsBefore = model.unet().runCount();
            assertThatThrownBy(() -> model.generate(GenerationRequest.txt2img("a cat", "", 72, 72, 2, 1f, 1),
                    null, null)).isInstanceOf(ModelException.class).hasMessage(
                    "72×72 does not fit this UNet: sizes must be multiples of 64 px; nearest: 64×64 or 128×128");
            assertThat(model.unet().runCount()).as("UNet runs of the refused generation").isEqualTo(runsBefore);
        }
    }

    @Test
    void a_loaded_model_is_usable_before_its_unet_is_probed_and_the_probe_runs_once() throws Exception {
        Path folder = SyntheticModelWriter.write(temp.resolve("sd"), SyntheticOptions.defaults(), 3);
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            assertThat(model.knownPixelMultiple()).as("not probed by the load").isEmpty();

            assertThat(model.pixelMultiple()).isEqualTo(64);

            assertThat(model.knownPixelMultiple()).hasValue(64);
        }
    }

    @Test
    void sd_shaped_unet_still_runs_a_size_that_fits() throws Exception {
        Path folder = SyntheticModelWriter.write(temp.resolve("sd"), SyntheticOptions.defaults(), 3);
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            GenerationResult result = model.generate(GenerationRequest.txt2img("a cat", "", 64, 128, 2, 1f, 1)
                    .withScheduler(SchedulerKind.EULER),
                    null, null);
            assertThat(result.image().getWidth()).isEqualTo(64);
            assertThat(result.image().getHeight()).isEqualTo(128);
            assertThat(model.unet().runCount()).as("UNet runs: 2 Euler steps, the probe not counted").isEqualTo(2);
        }
    }

    @Test
    void unet_without_down_sampling_takes_every_multiple_of_8() throws Exception {
        Path folder = SyntheticModelWriter.write(temp.resolve("plain"), SyntheticOptions.defaults());
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            assertThat(model.unet().latentMultiple()).isEqualTo(1);
            assertThat(model.sizeProblem(72, 8)).isEmpty();
        }
    }
}
