package dev.stepcast.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.synthetic.SyntheticGraphs;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import dev.stepcast.engine.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A UNet with its weights in weights.pb beside model.onnx loads, because sessions are created by path. */
class ExternalWeightsTest {

    @TempDir
    Path temp;

    @Test
    void unet_with_external_weights_loads_and_generates() throws Exception {
        Path folder = TestModels.write(temp, SyntheticOptions.defaults());
        Path weights = folder.resolve("unet").resolve(SyntheticGraphs.UNET_WEIGHTS);
        assertThat(weights).exists();
        // The graph alone (bytes, no folder) cannot find its weights: the data really is external.
        byte[] graph = Files.readAllBytes(folder.resolve("unet/model.onnx"));
        assertThatThrownBy(() -> {
            try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
                 OrtSession s = OrtEnvironment.getEnvironment().createSession(graph, o)) {
                s.getNumInputs();
            }
        }).isInstanceOf(OrtException.class);
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            GenerationResult r = model.generate(GenerationRequest.txt2img("x", "", 32, 32, 2, 3f, 1),
                    StepListener.NONE, new CancellationToken());
            assertThat(r.image().getWidth()).isEqualTo(32);
        }
    }

    @Test
    void missing_external_weights_name_the_unet_file() throws Exception {
        Path folder = TestModels.write(temp, SyntheticOptions.defaults());
        Files.delete(folder.resolve("unet").resolve(SyntheticGraphs.UNET_WEIGHTS));
        assertThatThrownBy(() -> StableDiffusionModel.load(folder, ExecutionProvider.CPU))
                .isInstanceOf(ModelException.class).hasMessageContaining("unet/model.onnx");
    }
}
