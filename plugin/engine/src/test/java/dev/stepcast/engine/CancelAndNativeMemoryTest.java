package dev.stepcast.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepcast.engine.onnx.NativeResources;
import dev.stepcast.engine.onnx.ModelProbes;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import dev.stepcast.engine.testing.TestModels;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cancel ends a run inside the UNet call in progress and frees everything; repeated runs do not grow. */
class CancelAndNativeMemoryTest {

    @TempDir
    Path temp;

    @Test
    void cancel_inside_the_unet_call_of_the_second_step_ends_the_run_there_and_frees_every_native_resource()
            throws Exception {
        Path folder = TestModels.write(temp, SyntheticOptions.defaults());
        int tensorsBefore = NativeResources.openTensors();
        int resultsBefore = NativeResources.openResults();
        int sessionsBefore = NativeResources.openSessions();
        CancellationToken token = new CancellationToken();
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            GenerationRequest r = GenerationRequest.txt2img("a boat", "", 32, 32, 4, 7f, 1)
                    .withScheduler(SchedulerKind.EULER);
            AtomicLong stepsSeen = new AtomicLong();
            AtomicLong callsAfterStepOne = new AtomicLong(Long.MAX_VALUE);
            AtomicLong cancelledInCall = new AtomicLong();
            ModelProbes.onUnetCall(model, call -> {
                if (call == callsAfterStepOne.get() + 1) {
                    cancelledInCall.set(call);
                    token.cancel(); // the RunOptions of this call are set: ONNX Runtime terminates it
                }
            });
            assertThatThrownBy(() -> model.generate(r, e -> {
                if (stepsSeen.incrementAndGet() == 1) {
                    callsAfterStepOne.set(ModelProbes.unetRunCount(model));
                }
            }, token)).isInstanceOf(GenerationCancelledException.class);

            assertThat(stepsSeen.get()).as("the second step never finished").isEqualTo(1);
            assertThat(ModelProbes.unetRunCount(model)).as("UNet calls that completed")
                    .isEqualTo(callsAfterStepOne.get()).isEqualTo(cancelledInCall.get() - 1);
            assertThat(NativeResources.openTensors()).as(NativeResources.describe()).isEqualTo(tensorsBefore);
            assertThat(NativeResources.openResults()).as(NativeResources.describe()).isEqualTo(resultsBefore);
        }
        assertThat(NativeResources.openSessions()).as(NativeResources.describe()).isEqualTo(sessionsBefore);
    }

    @Test
    void a_token_cancelled_before_the_run_stops_it_before_any_step() throws Exception {
        Path folder = TestModels.write(temp, SyntheticOptions.defaults());
        CancellationToken token = new CancellationToken();
        token.cancel();
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            long before = ModelProbes.unetRunCount(model);
            assertThatThrownBy(() -> model.generate(GenerationRequest.txt2img("x", "", 32, 32, 3, 5f, 1),
                    StepListener.NONE, token)).isInstanceOf(GenerationCancelledException.class);
            assertThat(ModelProbes.unetRunCount(model)).isEqualTo(before);
        }
    }

    @Test
    void the_vae_encoder_opens_on_the_first_image_to_image_run_not_at_load() throws Exception {
        Path folder = TestModels.write(temp, SyntheticOptions.defaults());
        int sessionsBefore = NativeResources.openSessions();
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            int loaded = NativeResources.openSessions() - sessionsBefore;
            model.generate(GenerationRequest.txt2img("a", "", 32, 32, 2, 4f, 1), e -> { }, new CancellationToken());
            int afterTextToImage = NativeResources.openSessions() - sessionsBefore;
            model.generate(GenerationRequest.txt2img("a", "", 32, 32, 2, 4f, 1)
                    .withInitImage(PipelineEndToEndTest.gradient(32, 32), 0.5f), e -> { }, new CancellationToken());
            int afterImageToImage = NativeResources.openSessions() - sessionsBefore;

            assertThat(new int[] {loaded, afterTextToImage, afterImageToImage}).containsExactly(3, 3, 4);
        }
        assertThat(NativeResources.openSessions()).isEqualTo(sessionsBefore);
    }

    @Test
    void fifty_generations_leave_no_native_tensor_result_or_session_open() throws Exception {
        Path folder = TestModels.write(temp, SyntheticOptions.defaults().withFp16(true).withUnetBatch(1));
        int tensorsBefore = NativeResources.openTensors();
        int resultsBefore = NativeResources.openResults();
        int sessionsBefore = NativeResources.openSessions();
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            int sessionsLoaded = NativeResources.openSessions();
            for (int i = 0; i < 50; i++) {
                GenerationRequest r = GenerationRequest.txt2img("run " + i, "bad", 32, 32, 3, 4f, i)
                        .withScheduler(SchedulerKind.values()[i % SchedulerKind.values().length]);
                if (i % 5 == 0) {
                    r = r.withInitImage(PipelineEndToEndTest.gradient(32, 32), 0.7f);
                }
                model.generate(r, e -> { }, new CancellationToken());
                model.decodeLatents(FloatTensor.allocateDirect(1, 4, 4, 4));
                assertThat(NativeResources.openTensors()).as("after run %d: %s", i, NativeResources.describe())
                        .isEqualTo(tensorsBefore);
                assertThat(NativeResources.openResults()).isEqualTo(resultsBefore);
                // run 0 is image to image: the VAE encoder opened then, and nothing opens after it
                assertThat(NativeResources.openSessions()).isEqualTo(sessionsLoaded + 1);
            }
        }
        assertThat(NativeResources.openSessions()).isEqualTo(sessionsBefore);
    }
}
