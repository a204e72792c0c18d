package dev.stepcast.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepcast.engine.onnx.ModelProbes;
import dev.stepcast.engine.onnx.NativeResources;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import dev.stepcast.engine.testing.TestModels;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing a model never closes a session a decode is using; preview decodes stop on cancel and leak nothing. */
class ModelLifetimeTest {

    @TempDir
    Path temp;

    @Test
    void close_during_a_decode_waits_for_it_and_the_decode_never_runs_on_a_closed_session() throws Exception {
        Path folder = TestModels.write(temp, SyntheticOptions.defaults());
        int sessionsBefore = NativeResources.openSessions();
        StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU);
        int sessionsLoaded = NativeResources.openSessions();
        CountDownLatch inDecode = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ModelProbes.onDecode(model, () -> {
            inDecode.countDown();
            awaitQuietly(release);
        });
        CompletableFuture<Object> decode = CompletableFuture.supplyAsync(() -> {
            try {
                return model.decodeLatents(FloatTensor.allocateDirect(1, 4, 4, 4), new CancellationToken());
            } catch (Exception | Error e) {
                return e;
            }
        });
        assertThat(inDecode.await(30, TimeUnit.SECONDS)).as("the decode started").isEqualTo(true);
        Thread closer = new Thread(model::close, "closer");
        closer.start();
        waitUntilParked(closer);

        assertThat(NativeResources.openSessions()).as("sessions while the decode runs: %s", NativeResources.describe())
                .isEqualTo(sessionsLoaded);
        release.countDown();
        Object outcome = decode.get(30, TimeUnit.SECONDS);
        closer.join();

        assertThat(outcome).as("the decode ended by the close, not on a closed session")
                .isInstanceOfAny(BufferedImage.class, GenerationCancelledException.class);
        assertThat(NativeResources.describe()).isEqualTo("tensors=0, results=0, sessions=" + sessionsBefore);
    }

    @Test
    void a_decode_after_close_is_refused_with_a_message_naming_the_model() throws Exception {
        Path folder = TestModels.write(temp, SyntheticOptions.defaults());
        StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU);
        model.close();

        assertThatThrownBy(() -> model.decodeLatents(FloatTensor.allocateDirect(1, 4, 4, 4)))
                .isInstanceOf(ModelException.class).hasMessageContaining(folder.getFileName().toString());
    }

    @Test
    void a_cancelled_preview_decode_stops_and_leaves_no_tensor_or_result_open() throws Exception {
        Path folder = TestModels.write(temp, SyntheticOptions.defaults());
        int tensorsBefore = NativeResources.openTensors();
        int resultsBefore = NativeResources.openResults();
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            CancellationToken cancel = new CancellationToken();
            ModelProbes.onDecode(model, cancel::cancel); // the cancel lands inside the decode, before the VAE runs

            assertThatThrownBy(() -> model.decodeLatents(FloatTensor.allocateDirect(1, 4, 4, 4), cancel))
                    .isInstanceOf(GenerationCancelledException.class);
            assertThat(new int[] {NativeResources.openTensors(), NativeResources.openResults()})
                    .as(NativeResources.describe()).containsExactly(tensorsBefore, resultsBefore);
        }
    }

    private static void waitUntilParked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (thread.getState() != Thread.State.WAITING && thread.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.sleep(1);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
