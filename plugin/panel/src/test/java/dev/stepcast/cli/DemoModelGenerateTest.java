package dev.stepcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate} without {@code --model} installs the demo model into the cache and runs it. */
class DemoModelGenerateTest {

    @TempDir
    Path temp;

    private String previousCache;

    @AfterEach
    void restoreCache() {
        if (previousCache == null) {
            System.clearProperty("stepcast.cache");
        } else {
            System.setProperty("stepcast.cache", previousCache);
        }
    }

    @Test
    void generate_without_a_model_uses_the_demo_model() throws Exception {
        previousCache = System.getProperty("stepcast.cache");
        System.setProperty("stepcast.cache", temp.resolve("cache").toString());
        Path png = temp.resolve("demo.png");
        CliRun run = CliRun.of("generate", "--prompt", "a house by a lake", "--steps", "4", "--width", "64",
                "--height", "64", "--seed", "1", "--json", "--out", png.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("provider").asText()).isEqualTo("cpu");
        assertThat(Files.size(png)).isPositive();
        assertThat(Files.list(temp.resolve("cache/stepcast")).toList()).isNotEmpty();
    }
}
