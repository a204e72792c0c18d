package dev.stepcast.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.onnx.NativeResources;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import dev.stepcast.engine.testing.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BareUnetLoopTest {

    @TempDir
    Path temp;

    @Test
    void makes_the_pipelines_unet_calls_one_per_step_when_the_batch_is_dynamic() throws Exception {
        assertThat(calls(SyntheticOptions.defaults(), true)).isEqualTo(6);
    }

    @Test
    void makes_two_calls_per_step_with_guidance_when_the_batch_is_fixed_at_one() throws Exception {
        assertThat(calls(SyntheticOptions.defaults().withUnetBatch(1), true)).isEqualTo(12);
        assertThat(calls(SyntheticOptions.defaults().withUnetBatch(1), false)).isEqualTo(6);
    }

    private long calls(SyntheticOptions options, boolean guidance) throws Exception {
        Path folder = TestModels.write(temp.resolve(options.unetBatch() + "-" + guidance), options);
        int tensors = NativeResources.openTensors();
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            BareUnetLoop.Result r = BareUnetLoop.run(model, 64, 64, 6, guidance);
            assertThat(r.steps()).isEqualTo(6);
            assertThat(NativeResources.openTensors()).isEqualTo(tensors);
            return r.unetCalls();
        }
    }
}
