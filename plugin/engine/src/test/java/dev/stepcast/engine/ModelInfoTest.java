package dev.stepcast.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.onnx.ModelCache;
import dev.stepcast.engine.onnx.NativeResources;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import dev.stepcast.engine.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the loader reads from a folder and its sessions. */
class ModelInfoTest {

    @TempDir
    Path temp;

    @Test
    void hidden_size_768_is_sd1_and_the_scaling_factor_comes_from_the_vae_config() throws Exception {
        Path folder = TestModels.write(temp, SyntheticOptions.defaults().withHiddenSize(768)
                .withVaeScalingFactor(0.5f));
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.AUTO)) {
            ModelInfo info = model.info();
            assertThat(info.family()).isEqualTo(ModelFamily.SD1);
            assertThat(info.vaeScalingFactor()).isEqualTo(0.5f);
            assertThat(info.latentChannels()).isEqualTo(4);
            assertThat(info.defaultScheduler()).isEqualTo(SchedulerKind.PNDM);
            assertThat(info.displayName()).isEqualTo("model");
            assertThat(info.hasVaeEncoder()).as("info.hasVaeEncoder()").isEqualTo(true);
        }
    }

    @Test
    void hidden_size_1024_with_v_prediction_is_sd2_with_the_default_scaling_factor() throws Exception {
        Path folder = TestModels.write(temp, SyntheticOptions.defaults().withHiddenSize(1024)
                .withVaeScalingFactor(null).withScheduler("EulerDiscreteScheduler", "v_prediction"));
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.AUTO)) {
            assertThat(model.info().family()).isEqualTo(ModelFamily.SD2);
            assertThat(model.info().vaeScalingFactor()).isEqualTo(0.18215f);
            assertThat(model.info().predictionType()).isEqualTo("v_prediction");
            assertThat(model.info().defaultScheduler()).isEqualTo(SchedulerKind.EULER);
        }
    }

    @Test
    void tiny_decoder_latent_rgb_map_and_demo_family_are_discovered() throws Exception {
        Path folder = TestModels.write(temp, SyntheticOptions.defaults().withTinyDecoder(true));
        Files.writeString(folder.resolve("latent_rgb.json"), "{\"matrix\":[[1,0,0],[0,1,0],[0,0,1],[0,0,0]],"
                + "\"bias\":[0,0,0]}");
        Files.writeString(folder.resolve("model_index.json"), "{\"_class_name\":\"OnnxStableDiffusionPipeline\","
                + "\"_stepcast_family\":\"demo\"}");
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.AUTO)) {
            assertThat(model.info().tinyDecoder()).contains(folder.resolve("vae_approx/model.onnx"));
            assertThat(model.info().latentRgbMap()).contains(folder.resolve("latent_rgb.json"));
            assertThat(model.info().family()).isEqualTo(ModelFamily.DEMO);
            assertThat(model.info().displayName()).isEqualTo(dev.stepcast.engine.demo.DemoModel.DISPLAY_NAME);
        }
    }

    @Test
    void lcm_unet_is_guidance_embedded_with_lcm_as_default() throws Exception {
        Path folder = TestModels.write(temp, SyntheticOptions.defaults().withLcm(true));
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.AUTO)) {
            assertThat(model.info().guidanceEmbedded()).as("model.info().guidanceEmbedded()").isEqualTo(true);
            assertThat(model.info().defaultScheduler()).isEqualTo(SchedulerKind.LCM);
        }
    }

    @Test
    void the_cache_keeps_one_model_and_closes_it_on_switch() throws Exception {
        Path a = TestModels.write(temp.resolve("a"), SyntheticOptions.defaults());
        Path b = TestModels.write(temp.resolve("b"), SyntheticOptions.defaults().withVaeEncoder(
                SyntheticOptions.VaeEncoderOutput.NONE));
        int before = NativeResources.openSessions();
        try (ModelCache cache = new ModelCache()) {
            StableDiffusionModel first = cache.get(a, ExecutionProvider.CPU);
            assertThat(cache.get(a, ExecutionProvider.CPU)).isSameAs(first);
            // text encoder, UNet, VAE decoder; the VAE encoder opens on first image-to-image use
            assertThat(NativeResources.openSessions()).isEqualTo(before + 3);
            StableDiffusionModel second = cache.get(b, ExecutionProvider.CPU);
            assertThat(second).isNotSameAs(first);
            assertThat(NativeResources.openSessions()).isEqualTo(before + 3);
        }
        assertThat(NativeResources.openSessions()).isEqualTo(before);
    }

    @Test
    void decode_latents_runs_on_another_thread_while_a_generation_runs() throws Exception {
        Path folder = TestModels.write(temp, SyntheticOptions.defaults());
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            java.util.List<java.awt.image.BufferedImage> decoded = new java.util.concurrent.CopyOnWriteArrayList<>();
            GenerationRequest r = GenerationRequest.txt2img("x", "", 32, 32, 4, 5f, 1)
                    .withScheduler(SchedulerKind.EULER);
            model.generate(r, e -> {
                FloatTensor x0 = e.predictedX0().copy();
                Thread t = new Thread(() -> {
                    try {
                        decoded.add(model.decodeLatents(x0));
                    } catch (ModelException ex) {
                        throw new IllegalStateException(ex);
                    }
                });
                t.start();
                try {
                    t.join();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }, new CancellationToken());
            assertThat(decoded).hasSize(4).allSatisfy(img -> assertThat(img.getWidth()).isEqualTo(32));
        }
    }
}
