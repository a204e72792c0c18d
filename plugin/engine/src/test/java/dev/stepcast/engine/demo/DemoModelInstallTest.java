package dev.stepcast.engine.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installing the demo model writes a complete diffusers ONNX folder once, atomically, and reuses it. */
class DemoModelInstallTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void should_live_under_the_stepcast_cache_property_when_it_is_set() {
        Path root = DemoTestModel.cacheRoot();
        assertThat(DemoModel.defaultFolder())
                .isEqualTo(root.resolve("stepcast").resolve("demo-model-v" + DemoModel.VERSION));
    }

    @Test
    void should_write_a_diffusers_folder_whose_graphs_have_sd_input_and_output_contracts()
            throws IOException, OrtException {
        Path folder = DemoTestModel.folder();
        for (String file : List.of("model_index.json", "scheduler/scheduler_config.json", "tokenizer/vocab.json",
                "tokenizer/merges.txt", "tokenizer/tokenizer_config.json", "tokenizer/special_tokens_map.json",
                "text_encoder/model.onnx", "unet/model.onnx", "vae_decoder/model.onnx", "vae_decoder/config.json",
                "latent_rgb.json", DemoModel.MARKER)) {
            assertThat(folder.resolve(file)).as(file).isRegularFile();
        }
        assertThat(json.readTree(folder.resolve("model_index.json").toFile()).path("_stepcast_family").asText())
                .isEqualTo("demo");
        assertThat(json.readTree(folder.resolve("vae_decoder/config.json").toFile()).path("scaling_factor")
                .asDouble()).isEqualTo(LatentCodec.SCALING_FACTOR, org.assertj.core.data.Offset.offset(1e-7));
        JsonNode map = json.readTree(folder.resolve("latent_rgb.json").toFile());
        assertThat(map.path("matrix").size()).isEqualTo(4);
        assertThat(map.path("matrix").get(0).size()).isEqualTo(3);
        assertThat(map.path("bias").size()).isEqualTo(3);

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession text = env.createSession(folder.resolve("text_encoder/model.onnx").toString());
             OrtSession unet = env.createSession(folder.resolve("unet/model.onnx").toString());
             OrtSession vae = env.createSession(folder.resolve("vae_decoder/model.onnx").toString())) {
            assertThat(info(text.getInputInfo(), "input_ids").type).isEqualTo(OnnxJavaType.INT32);
            assertThat(info(text.getOutputInfo(), "last_hidden_state").getShape()).containsExactly(-1, -1, 768);
            assertThat(info(unet.getInputInfo(), "sample").getShape()).containsExactly(-1, 4, -1, -1);
            assertThat(info(unet.getInputInfo(), "timestep").getShape()).containsExactly(1);
            assertThat(info(unet.getInputInfo(), "timestep").type).isEqualTo(OnnxJavaType.FLOAT);
            assertThat(info(unet.getInputInfo(), "encoder_hidden_states").getShape()).containsExactly(-1, -1, 768);
            assertThat(unet.getOutputNames()).containsExactly("out_sample");
            assertThat(info(vae.getInputInfo(), "latent_sample").getShape()).containsExactly(-1, 4, -1, -1);
            assertThat(vae.getOutputNames()).containsExactly("sample");
        }
    }

    @Test
    void should_stay_within_50_megabytes() throws IOException {
        try (Stream<Path> files = Files.walk(DemoTestModel.folder())) {
            long bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            assertThat(bytes).isLessThan(50L * 1024 * 1024);
        }
    }

    @Test
    void should_reuse_a_complete_folder_without_rewriting_it() throws IOException {
        Path folder = DemoTestModel.folder();
        FileTime before = Files.getLastModifiedTime(folder.resolve("unet/model.onnx"));
        List<Double> progress = new ArrayList<>();
        assertThat(DemoModel.ensureInstalled(folder, progress::add)).isEqualTo(folder);
        assertThat(Files.getLastModifiedTime(folder.resolve("unet/model.onnx"))).isEqualTo(before);
        assertThat(progress).containsExactly(1.0);
    }

    @Test
    void should_replace_an_incomplete_folder_and_write_the_same_bytes_as_before(@TempDir Path temp)
            throws IOException {
        Path target = temp.resolve("demo");
        Files.createDirectories(target.resolve("unet"));
        Files.writeString(target.resolve("unet/model.onnx"), "half-written");
        List<Double> progress = new ArrayList<>();
        DemoModel.ensureInstalled(target, progress::add);
        assertThat(DemoModel.isInstalled(target)).as("DemoModel.isInstalled(target)").isEqualTo(true);
        assertThat(progress).isNotEmpty().isSorted();
        assertThat(progress.get(progress.size() - 1)).isEqualTo(1.0);
        try (Stream<Path> siblings = Files.list(temp)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("demo");
        }
        Path reference = DemoTestModel.folder();
        for (String file : List.of("unet/model.onnx", "text_encoder/model.onnx", "vae_decoder/model.onnx",
                "tokenizer/vocab.json", "tokenizer/merges.txt", "model_index.json", "latent_rgb.json")) {
            assertThat(Arrays.equals(Files.readAllBytes(target.resolve(file)), Files.readAllBytes(reference.resolve(file))))
                    .as("same bytes in %s", file).isEqualTo(true);
        }
    }

    private static TensorInfo info(Map<String, NodeInfo> nodes, String name) {
        assertThat(nodes).containsKey(name);
        return (TensorInfo) nodes.get(name).getInfo();
    }
}
