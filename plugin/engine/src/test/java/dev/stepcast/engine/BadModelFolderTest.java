package dev.stepcast.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepcast.engine.onnx.GraphBuilder;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import dev.stepcast.engine.testing.TestModels;
import dev.stepcast.engine.testing.NoSessionLeft;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Broken folders fail with a ModelException naming the file and what was expected, and leak no session. */
@ExtendWith(NoSessionLeft.class)
class BadModelFolderTest {

    @TempDir
    Path temp;

    private Path folder;

    @BeforeEach
    void writeModel() {
        folder = TestModels.write(temp, SyntheticOptions.defaults());
    }

    @Test
    void missing_unet_names_the_file() throws Exception {
        Files.delete(folder.resolve("unet/model.onnx"));
        assertThatThrownBy(() -> StableDiffusionModel.load(folder, ExecutionProvider.CPU))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("unet/model.onnx")
                .hasMessageContaining("Missing");
    }

    @Test
    void missing_folder_says_so() {
        assertThatThrownBy(() -> StableDiffusionModel.load(temp.resolve("nope"), ExecutionProvider.CPU))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("nope").hasMessageContaining("does not exist");
    }

    @Test
    void corrupt_onnx_names_the_file() throws Exception {
        Files.write(folder.resolve("vae_decoder/model.onnx"), "this is not protobuf".getBytes());
        assertThatThrownBy(() -> StableDiffusionModel.load(folder, ExecutionProvider.CPU))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("vae_decoder/model.onnx")
                .hasMessageContaining("not a valid ONNX model");
    }

    @Test
    void unknown_unet_input_is_named_with_what_was_expected() throws Exception {
        unetWithInputs("sample", "timestep", "encoder_hidden_states", "mystery_input");
        assertThatThrownBy(() -> StableDiffusionModel.load(folder, ExecutionProvider.CPU))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("unet/model.onnx")
                .hasMessageContaining("mystery_input")
                .hasMessageContaining("expected sample, timestep, encoder_hidden_states");
    }

    @Test
    void sdxl_unet_in_a_folder_without_the_second_encoder_names_what_is_missing() throws Exception {
        unetWithInputs("sample", "timestep", "encoder_hidden_states", "text_embeds", "time_ids");
        assertThatThrownBy(() -> StableDiffusionModel.load(folder, ExecutionProvider.CPU))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("unet/model.onnx is an SDXL UNet")
                .hasMessageContaining("has no text_encoder_2/ and tokenizer_2/");
    }

    @Test
    void unet_with_text_embeds_but_no_time_ids_is_refused_naming_both() throws Exception {
        unetWithInputs("sample", "timestep", "encoder_hidden_states", "text_embeds");
        assertThatThrownBy(() -> StableDiffusionModel.load(folder, ExecutionProvider.CPU))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("has the SDXL input 'text_embeds' but not 'time_ids'");
    }

    @Test
    void folder_with_an_empty_text_encoder_2_is_an_incomplete_sdxl_folder() throws Exception {
        Files.createDirectories(folder.resolve("text_encoder_2"));
        assertThatThrownBy(() -> StableDiffusionModel.load(folder, ExecutionProvider.CPU))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("SDXL model folder " + folder + " is incomplete: missing "
                        + "text_encoder_2/model.onnx, tokenizer_2/");
    }

    @Test
    void wrong_timestep_type_is_named_with_what_was_expected() throws Exception {
        GraphBuilder g = new GraphBuilder("unet");
        g.input("sample", GraphBuilder.FLOAT, "batch", 4, "h", "w");
        g.input("timestep", GraphBuilder.FLOAT, 1, 1);
        g.input("encoder_hidden_states", GraphBuilder.FLOAT, "batch", 77, 32);
        g.op("Identity", "out_sample", new String[] {"sample"});
        g.output("out_sample", GraphBuilder.FLOAT, "batch", 4, "h", "w");
        g.save(folder.resolve("unet/model.onnx"));
        assertThatThrownBy(() -> StableDiffusionModel.load(folder, ExecutionProvider.CPU))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("'timestep'").hasMessageContaining("rank 0 or 1");
    }

    @Test
    void broken_scheduler_config_names_the_file() throws Exception {
        Files.writeString(folder.resolve("scheduler/scheduler_config.json"), "{ not json");
        assertThatThrownBy(() -> StableDiffusionModel.load(folder, ExecutionProvider.CPU))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("scheduler_config.json");
    }

    @Test
    void missing_tokenizer_names_the_folder() throws Exception {
        Files.delete(folder.resolve("tokenizer/vocab.json"));
        Files.delete(folder.resolve("tokenizer/merges.txt"));
        Files.delete(folder.resolve("tokenizer"));
        assertThatThrownBy(() -> StableDiffusionModel.load(folder, ExecutionProvider.CPU))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("tokenizer");
    }

    @Test
    void img2img_without_vae_encoder_says_which_file_is_missing() throws Exception {
        Path noEncoder = TestModels.write(temp.resolve("b"), SyntheticOptions.defaults()
                .withVaeEncoder(SyntheticOptions.VaeEncoderOutput.NONE));
        try (StableDiffusionModel model = StableDiffusionModel.load(noEncoder, ExecutionProvider.CPU)) {
            GenerationRequest r = GenerationRequest.txt2img("x", "", 32, 32, 2, 1f, 1)
                    .withInitImage(PipelineEndToEndTest.gradient(32, 32), 0.5f);
            assertThatThrownBy(() -> model.generate(r, StepListener.NONE, new CancellationToken()))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("vae_encoder/model.onnx");
        }
    }

    @Test
    void a_unet_with_a_fixed_latent_size_names_the_size_it_takes() throws Exception {
        GraphBuilder g = new GraphBuilder("unet");
        g.input("sample", GraphBuilder.FLOAT, "batch", 4, 8, 8);
        g.input("timestep", GraphBuilder.FLOAT, 1);
        g.input("encoder_hidden_states", GraphBuilder.FLOAT, "batch", 77, 32);
        g.op("Identity", "out_sample", new String[] {"sample"});
        g.output("out_sample", GraphBuilder.FLOAT, "batch", 4, 8, 8);
        g.save(folder.resolve("unet/model.onnx"));
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            GenerationRequest r = GenerationRequest.txt2img("x", "", 128, 64, 2, 1f, 1);
            assertThatThrownBy(() -> model.generate(r, StepListener.NONE, new CancellationToken()))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("takes 64×64 images only").hasMessageContaining("128×64 was asked for");
        }
    }

    private void unetWithInputs(String... names) throws Exception {
        GraphBuilder g = new GraphBuilder("unet");
        for (String name : names) {
            if (name.equals("timestep")) {
                g.input(name, GraphBuilder.FLOAT, 1);
            } else if (name.equals("encoder_hidden_states")) {
                g.input(name, GraphBuilder.FLOAT, "batch", 77, 32);
            } else if (name.equals("text_embeds") || name.equals("time_ids")) {
                g.input(name, GraphBuilder.FLOAT, "batch", 6);
            } else {
                g.input(name, GraphBuilder.FLOAT, "batch", 4, "h", "w");
            }
        }
        g.op("Identity", "out_sample", new String[] {"sample"});
        g.output("out_sample", GraphBuilder.FLOAT, "batch", 4, "h", "w");
        g.save(folder.resolve("unet/model.onnx"));
    }
}
