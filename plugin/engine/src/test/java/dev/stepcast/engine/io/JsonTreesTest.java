package dev.stepcast.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTreesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"_class_name\": \"OnnxStableDiffusionPipeline\", \"unet\": [\"diffusers\", \"OnnxRuntimeModel\"],"
                + " \"tokenizer_2\": [null, null]}",
        "{\"num_train_timesteps\": 1000, \"beta_start\": 0.00085, \"trained_betas\": null, \"clip_sample\": false,"
                + " \"set_alpha_to_one\": true, \"steps_offset\": 1}",
        "{\"big\": 12345678901234567890123, \"long\": 9007199254740993, \"neg\": -2147483649, \"exp\": 1e-3,"
                + " \"nested\": {\"a\": [[1, 2.5], [], {}], \"s\": \"caf\\u00e9 \\\"q\\\"\"}}",
        "[1, \"two\", 3.0, true, null]",
        "42",
        "\"just text\""
    })
    void readsTheSameTreeAsObjectMapper(String json, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        JsonNode expected = JsonMappers.create().readTree(json);

        assertThat(JsonTrees.read(file)).isEqualTo(expected);
        assertThat(JsonTrees.parse(json)).isEqualTo(expected);
        assertThat(JsonTrees.parse(json).toString()).isEqualTo(expected.toString());
    }

    @Test
    void keepsIntegerWidthsAsObjectMapperDoes() throws Exception {
        JsonNode tree = JsonTrees.parse("{\"i\": 7, \"l\": 8589934592, \"d\": 0.5}");

        assertThat(tree.get("i").numberType()).hasToString("INT");
        assertThat(tree.get("l").numberType()).hasToString("LONG");
        assertThat(tree.get("d").numberType()).hasToString("DOUBLE");
        assertThat(tree.get("l").asLong()).isEqualTo(8_589_934_592L);
    }

    @Test
    void anEmptyFileIsAMissingNode(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("empty.json");
        Files.writeString(file, "   ");

        assertThat(JsonTrees.read(file).isMissingNode()).as("missing node").isEqualTo(true);
        assertThat(JsonTrees.read(file).path("x").asText("default")).isEqualTo("default");
    }

    @Test
    void malformedJsonIsAProcessingExceptionWithThePosition(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"unet\": [\"diffusers\", }");

        assertThatThrownBy(() -> JsonTrees.read(file))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("line: 1, column: 24");
    }
}
