package dev.stepcast.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepcast.engine.onnx.ModelProbes;
import dev.stepcast.engine.onnx.GraphBuilder;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.synthetic.SyntheticSdxl;
import dev.stepcast.engine.testing.NoSessionLeft;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Half-present or mismatched SDXL folders are refused with one line naming what is missing; no session leaks. */
@ExtendWith(NoSessionLeft.class)
class SdxlFolderTest {

    @TempDir
    Path temp;

    private Path folder;

    @BeforeEach
    void writeModel() throws Exception {
        folder = SyntheticSdxl.write(temp.resolve("sdxl"), SyntheticSdxl.Options.defaults());
    }

    @Test
    void complete_folder_loads_as_sdxl_with_its_scaling_factor() throws Exception {
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            assertThat(model.info().family()).isEqualTo(ModelFamily.SDXL);
            assertThat(model.info().vaeScalingFactor()).isEqualTo(0.13025f);
            assertThat(model.info().hasVaeEncoder()).isEqualTo(true);
            assertThat(ModelProbes.secondTokenizer(model).padId()).as("tokenizer_2 pads with '!'").isEqualTo(0);
            assertThat(model.tokenizer().padId()).as("tokenizer pads with EOS").isEqualTo(model.tokenizer().eosId());
        }
    }

    @Test
    void missing_second_tokenizer_is_named() throws Exception {
        deleteTree(folder.resolve("tokenizer_2"));
        assertThatThrownBy(() -> StableDiffusionModel.load(folder, ExecutionProvider.CPU))
                .isInstanceOf(ModelException.class)
                .hasMessage("SDXL model folder " + folder + " is incomplete: missing tokenizer_2/ (an SDXL export has"
                        + " text_encoder/ and text_encoder_2/ each with its model.onnx, and tokenizer/ and"
                        + " tokenizer_2/)");
    }

    @Test
    void missing_first_tokenizer_is_named() throws Exception {
        deleteTree(folder.resolve("tokenizer"));
        assertThatThrownBy(() -> StableDiffusionModel.load(folder, ExecutionProvider.CPU))
                .isInstanceOf(ModelException.class)
                .hasMessageStartingWith("SDXL model folder " + folder + " is incomplete: missing tokenizer/ (");
    }

    @Test
    void missing_second_encoder_is_named() throws Exception {
        deleteTree(folder.resolve("text_encoder_2"));
        assertThatThrownBy(() -> StableDiffusionModel.load(folder, ExecutionProvider.CPU))
                .isInstanceOf(ModelException.class)
                .hasMessageStartingWith("SDXL model folder " + folder
                        + " is incomplete: missing text_encoder_2/model.onnx (");
    }

    @Test
    void missing_first_encoder_and_tokenizer_are_named_together() throws Exception {
        deleteTree(folder.resolve("text_encoder"));
        deleteTree(folder.resolve("tokenizer"));
        assertThatThrownBy(() -> StableDiffusionModel.load(folder, ExecutionProvider.CPU))
                .isInstanceOf(ModelException.class)
                .hasMessageStartingWith("SDXL model folder " + folder
                        + " is incomplete: missing text_encoder/model.onnx, tokenizer/ (");
    }

    @Test
    void sd_unet_in_an_sdxl_folder_names_the_missing_inputs() throws Exception {
        GraphBuilder g = new GraphBuilder("unet");
        g.input("sample", GraphBuilder.FLOAT, "batch", 4, "h", "w");
        g.input("timestep", GraphBuilder.FLOAT, 1);
        g.input("encoder_hidden_states", GraphBuilder.FLOAT, "batch", 77, 20);
        g.op("Identity", "out_sample", new String[] {"sample"});
        g.output("out_sample", GraphBuilder.FLOAT, "batch", 4, "h", "w");
        g.save(folder.resolve("unet/model.onnx"));
        assertThatThrownBy(() -> StableDiffusionModel.load(folder, ExecutionProvider.CPU))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("has SDXL's text_encoder_2/ and tokenizer_2/")
                .hasMessageContaining("lacks SDXL's inputs text_embeds and time_ids");
    }

    @Test
    void encoder_without_hidden_states_outputs_is_refused_naming_what_it_has() throws Exception {
        GraphBuilder g = new GraphBuilder("text_encoder_2");
        g.input("input_ids", GraphBuilder.INT64, "batch", "sequence");
        g.op("Cast", "last_hidden_state", new String[] {"input_ids"}, "to", GraphBuilder.FLOAT);
        g.output("last_hidden_state", GraphBuilder.FLOAT, "batch", "sequence");
        g.save(folder.resolve("text_encoder_2/model.onnx"));
        assertThatThrownBy(() -> StableDiffusionModel.load(folder, ExecutionProvider.CPU))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("text_encoder_2/model.onnx: an SDXL text encoder must output its hidden states")
                .hasMessageContaining("found [last_hidden_state]");
    }

    @Test
    void refiner_time_ids_of_five_values_are_refused() throws Exception {
        GraphBuilder g = new GraphBuilder("unet");
        g.input("sample", GraphBuilder.FLOAT, "batch", 4, "h", "w");
        g.scalarInput("timestep", GraphBuilder.FLOAT);
        g.input("encoder_hidden_states", GraphBuilder.FLOAT, "batch", "sequence", 20);
        g.input("text_embeds", GraphBuilder.FLOAT, "batch", 6);
        g.input("time_ids", GraphBuilder.FLOAT, "batch", 5);
        g.op("Identity", "out_sample", new String[] {"sample"});
        g.output("out_sample", GraphBuilder.FLOAT, "batch", 4, "h", "w");
        g.save(folder.resolve("unet/model.onnx"));
        assertThatThrownBy(() -> StableDiffusionModel.load(folder, ExecutionProvider.CPU))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("'time_ids' takes 5 values per image")
                .hasMessageContaining("SDXL refiner");
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
