package dev.stepcast.panel.run;

import dev.stepcast.panel.preview.PreviewSettings;
import dev.stepcast.panel.preview.PreviewView;
import dev.stepcast.panel.preview.PreviewMethod;
import dev.stepcast.panel.preview.ActivitySignal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.SchedulerKind;
import dev.stepcast.engine.synthetic.SyntheticModelWriter;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.GuiTest;
import dev.stepcast.testkit.Waits;
import java.nio.file.Path;
import java.util.List;
import javax.swing.JFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The off-thread path with a TAESD-format tiny decoder: a synthetic SD-shaped folder with {@code vae_approx/}, so Auto
 * picks the tiny decoder and previews come at full resolution from the decoder thread.
 */
class GenerationWorkerTinyDecoderTest extends GuiTest {

    @TempDir
    Path dir;

    private StableDiffusionModel model;
    private RecordingCallbacks callbacks;
    private final GatedTrace trace = new GatedTrace();

    @Override
    protected void onSetUp() throws Exception {
        Path folder = SyntheticModelWriter.write(dir.resolve("synthetic"),
                SyntheticOptions.defaults().withTinyDecoder(true));
        model = StableDiffusionModel.load(folder, ExecutionProvider.CPU);
        callbacks = Edt.query(() -> {
            PreviewView view = new PreviewView();
            JFrame frame = new JFrame("tiny decoder test");
            frame.add(view);
            frame.pack();
            frame.setVisible(true);
            return new RecordingCallbacks(view);
        });
    }

    @AfterEach
    void closeModel() {
        trace.releaseAll();
        if (model != null) {
            model.close();
        }
    }

    @Test
    void should_pick_the_tiny_decoder_on_auto_and_decode_every_step_off_the_sampling_thread() {
        trace.holdAt(step -> step > 1);
        GenerationRequest request = GenerationRequest.txt2img("a lighthouse", "", 64, 64, 6, 7.5f, 3)
                .withScheduler(SchedulerKind.EULER);
        GenerationWorker worker = Edt.query(() -> {
            GenerationWorker w = new GenerationWorker(model, request,
                    new PreviewSettings(1, PreviewMethod.AUTO, false, null), ActivitySignal.settable(true), callbacks);
            w.setTrace(trace);
            w.start();
            return w;
        });
        for (int step = 2; step <= 6; step++) {
            int previous = step - 1;
            trace.awaitHeldAt(step);
            Waits.until("preview of step " + previous + " shown", () -> callbacks.view.shownStep() == previous);
            trace.release();
        }
        Waits.until("the generation ended", callbacks::isEnded);

        assertThat(worker.methodInEffect()).isEqualTo(PreviewMethod.TINY_DECODER);
        assertThat(decoderThreads()).as("decoder threads alive once the run has ended (the worker joins its own)")
                .isEmpty();
        assertThat(trace.decodedSteps()).startsWith(1, 2, 3, 4, 5).doesNotHaveDuplicates();
        assertThat(Edt.query(() -> List.copyOf(callbacks.previewSteps))).startsWith(1, 2, 3, 4, 5);
        assertThat(Edt.query(() -> List.copyOf(callbacks.previewWidths))).containsOnly(64);
        assertThat(Edt.query(() -> callbacks.result)).isNotNull();
        assertThat(Edt.query(() -> List.copyOf(callbacks.offEdtCalls))).isEmpty();
    }

    @Test
    void should_use_the_approximate_map_at_latent_resolution_when_asked() {
        trace.holdAt(step -> step > 1);
        GenerationRequest request = GenerationRequest.txt2img("a lighthouse", "", 64, 64, 3, 7.5f, 3)
                .withScheduler(SchedulerKind.EULER);
        GenerationWorker worker = Edt.query(() -> {
            GenerationWorker w = new GenerationWorker(model, request,
                    new PreviewSettings(1, PreviewMethod.APPROXIMATE, false, null), ActivitySignal.settable(true),
                    callbacks);
            w.setTrace(trace);
            w.start();
            return w;
        });
        for (int step = 2; step <= 3; step++) {
            int previous = step - 1;
            trace.awaitHeldAt(step);
            Waits.until("preview of step " + previous + " shown", () -> callbacks.view.shownStep() == previous);
            trace.release();
        }
        Waits.until("the generation ended", callbacks::isEnded);

        assertThat(worker.methodInEffect()).isEqualTo(PreviewMethod.APPROXIMATE);
        assertThat(trace.decodedSteps()).containsExactly(1, 2, 3);
        assertThat(Edt.query(() -> List.copyOf(callbacks.previewWidths))).isNotEmpty().containsOnly(8);
    }

    @Test
    void should_report_a_failure_as_one_user_message_without_a_stack_trace() {
        model.close();
        GenerationRequest request = GenerationRequest.txt2img("a lighthouse", "", 64, 64, 3, 7.5f, 3);
        Edt.run(() -> new GenerationWorker(model, request, PreviewSettings.defaults(), ActivitySignal.settable(true),
                callbacks).start());
        Waits.until("the generation ended", callbacks::isEnded);

        String message = Edt.query(() -> callbacks.failure);
        assertThat(message).contains("is closed").doesNotContain("\tat ").doesNotContain("\n");
        assertThat(Edt.query(() -> callbacks.result)).isNull();
        assertThat(Edt.query(() -> List.copyOf(callbacks.offEdtCalls))).isEmpty();
    }

    private static List<String> decoderThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.equals("stepcast-preview-decoder")).toList();
    }
}
