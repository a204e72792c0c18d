package dev.stepcast.panel.png;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.CompatOptions;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.NoiseSource;
import dev.stepcast.engine.SchedulerKind;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys issue 13 adds to every PNG: RNG, the split Schedule type, the server's checkpoint as Model. */
class ParametersCompatTest {

    @TempDir
    Path temp;

    @Test
    void should_write_the_split_sampler_rng_and_checkpoint_and_read_them_back_from_a_png() throws Exception {
        GenerationRequest request = GenerationRequest.txt2img("a (red:1.2) fox", "blurry", 64, 48, 12, 6.5f, 42)
                .withScheduler(SchedulerKind.DPMPP_2M_KARRAS)
                .withCompat(CompatOptions.DEFAULTS.withRng(NoiseSource.TORCH_CPU))
                .withCheckpoint("sd_xl_base_1.0.safetensors [31e35c80fc]");
        GenerationParameters written = GenerationParameters.of(request, request.scheduler(), "local model");
        String text = A1111Format.format(written);
        assertThat(text).isEqualTo("a (red:1.2) fox\nNegative prompt: blurry\n"
                + "Steps: 12, Sampler: DPM++ 2M, CFG scale: 6.5, Seed: 42, Size: 64x48, "
                + "Model: sd_xl_base_1.0.safetensors [31e35c80fc], Schedule type: Karras, RNG: CPU");

        Path png = temp.resolve("a.png");
        PngParameters.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), text, png);
        GenerationParameters read = A1111Format.parse(PngParameters.read(png).orElseThrow()).orElseThrow();
        assertThat(read.samplerKind()).contains(SchedulerKind.DPMPP_2M_KARRAS);
        assertThat(read.noiseSource()).contains(NoiseSource.TORCH_CPU);
        assertThat(read.model()).isEqualTo("sd_xl_base_1.0.safetensors [31e35c80fc]");
        assertThat(read.prompt()).isEqualTo("a (red:1.2) fox");
    }

    @Test
    void should_name_the_local_model_and_a1111s_nv_source_by_default() {
        GenerationRequest request = GenerationRequest.txt2img("fox", "", 64, 64, 20, 7f, 1)
                .withScheduler(SchedulerKind.EULER_ANCESTRAL);
        String text = A1111Format.format(GenerationParameters.of(request, request.scheduler(), "Demo model"));
        assertThat(text).isEqualTo("fox\nSteps: 20, Sampler: Euler a, CFG scale: 7.0, Seed: 1, Size: 64x64, "
                + "Model: Demo model, RNG: NV");
        GenerationRequest numpy = request.withCompat(CompatOptions.DIFFUSERS);
        assertThat(A1111Format.format(GenerationParameters.of(numpy, numpy.scheduler(), null))).endsWith("RNG: numpy");
    }

    @Test
    void should_read_the_old_joined_sampler_name_and_a1111s_rng_values() {
        GenerationParameters old = A1111Format.parse(
                "fox\nSteps: 20, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 5, Size: 512x512").orElseThrow();
        assertThat(old.samplerKind()).contains(SchedulerKind.DPMPP_2M_KARRAS);
        assertThat(old.noiseSource()).isEmpty();
        GenerationParameters automatic = A1111Format.parse(
                "fox\nSteps: 20, Sampler: DPM++ 2M, Schedule type: Automatic, CFG scale: 7, Seed: 5, RNG: NV")
                .orElseThrow();
        assertThat(automatic.samplerKind()).contains(SchedulerKind.DPMPP_2M);
        assertThat(automatic.noiseSource()).contains(NoiseSource.A1111_NV);
        GenerationParameters gpu = A1111Format.parse("fox\nSteps: 20, Sampler: Euler, Seed: 5, RNG: GPU")
                .orElseThrow();
        assertThat(gpu.noiseSource()).contains(NoiseSource.A1111_NV);
    }
}
