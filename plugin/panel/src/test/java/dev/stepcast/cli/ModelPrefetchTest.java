package dev.stepcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.synthetic.SyntheticModelWriter;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPrefetchTest {

    @TempDir
    Path temp;

    @AfterEach
    void nothingLeftOver() {
        ModelPrefetch.discard();
    }

    @Test
    void aLocalGenerateNamesTheFolderToPrefetchInEitherOptionForm() throws Exception {
        Path model = Files.createDirectory(temp.resolve("model"));

        assertThat(ModelPrefetch.plannedFolder(new String[] {"generate", "--prompt", "a", "--model", model + "/."}))
                .contains(model.toAbsolutePath().normalize());
        assertThat(ModelPrefetch.plannedFolder(new String[] {"generate", "--model=" + model, "--provider=cpu"}))
                .contains(model.toAbsolutePath().normalize());
    }

    @Test
    void anythingTheGlanceCannotBeSureOfPrefetchesNothing() throws Exception {
        Path model = Files.createDirectory(temp.resolve("model"));
        String m = model.toString();

        assertThat(ModelPrefetch.plannedFolder(new String[] {"tokenize", "--model", m})).isEmpty();
        assertThat(ModelPrefetch.plannedFolder(new String[] {"generate", "--model", m, "--server",
            "http://127.0.0.1:7860"})).isEmpty();
        assertThat(ModelPrefetch.plannedFolder(new String[] {"generate", "@args.txt"})).isEmpty();
        assertThat(ModelPrefetch.plannedFolder(new String[] {"generate", "--model", m, "--provider", "tpu"}))
                .isEmpty();
        assertThat(ModelPrefetch.plannedFolder(new String[] {"generate", "--model", temp.resolve("missing")
                .toString()})).isEmpty();
        assertThat(ModelPrefetch.plannedFolder(new String[] {"generate", "--model"})).isEmpty();
    }

    @Test
    void theParsedCommandTakesThePrefetchedModelWhenFolderAndProviderMatch() throws Exception {
        Path model = SyntheticModelWriter.write(temp.resolve("synthetic"), SyntheticOptions.defaults());
        ModelPrefetch.start(new String[] {"generate", "--model", model.toString(), "--provider", "cpu"});

        Optional<StableDiffusionModel> taken = ModelPrefetch.take(model.resolve("."), ExecutionProvider.CPU);

        assertThat(taken).isPresent();
        try (StableDiffusionModel loaded = taken.get()) {
            assertThat(loaded.provider().used()).isEqualTo(ExecutionProvider.CPU);
            assertThat(loaded.info().displayName()).isEqualTo("synthetic");
        }
        assertThat(ModelPrefetch.take(model, ExecutionProvider.CPU)).as("handed over once").isEmpty();
    }

    @Test
    void anotherFolderOrProviderThanPrefetchedLoadsAsAlways() throws Exception {
        Path model = SyntheticModelWriter.write(temp.resolve("synthetic"), SyntheticOptions.defaults());
        Path other = Files.createDirectory(temp.resolve("other"));

        ModelPrefetch.start(new String[] {"generate", "--model", model.toString(), "--provider", "cpu"});
        assertThat(ModelPrefetch.take(other, ExecutionProvider.CPU)).isEmpty();

        ModelPrefetch.start(new String[] {"generate", "--model", model.toString(), "--provider", "cpu"});
        assertThat(ModelPrefetch.take(model, ExecutionProvider.AUTO)).isEmpty();
    }
}
