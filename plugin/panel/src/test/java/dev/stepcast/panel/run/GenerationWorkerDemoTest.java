package dev.stepcast.panel.run;

import dev.stepcast.panel.preview.PreviewSettings;
import dev.stepcast.panel.preview.PreviewView;
import dev.stepcast.panel.preview.PreviewMethod;
import dev.stepcast.panel.preview.ActivitySignal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.demo.DemoModel;
import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.GuiTest;
import dev.stepcast.testkit.Waits;
import java.awt.Dimension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.swing.JFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real SwingWorker path with the demo model in a shown window: which steps get previews, pausing while the host
 * is inactive, cancel. Steps are made deterministic by holding the sampling thread at chosen steps ({@link GatedTrace});
 * no assertion depends on timing except the required cancel bound.
 */
class GenerationWorkerDemoTest extends GuiTest {

    private static StableDiffusionModel model;

    private RecordingCallbacks callbacks;
    private ActivitySignal.Settable activity;
    private final GatedTrace trace = new GatedTrace();

    @BeforeAll
    static void loadDemoModel() throws Exception {
        Path folder = DemoModel.ensureInstalled(DemoModel.defaultFolder(), p -> { });
        model = StableDiffusionModel.load(folder, ExecutionProvider.CPU);
    }

    @AfterAll
    static void closeModel() {
        if (model != null) {
            model.close();
        }
    }

    @Override
    protected void onSetUp() {
        callbacks = Edt.query(() -> {
            PreviewView view = new PreviewView();
            view.setPreferredSize(new Dimension(256, 256));
            JFrame frame = new JFrame("worker test");
            frame.add(view);
            frame.pack();
            frame.setVisible(true);
            return new RecordingCallbacks(view);
        });
        activity = Edt.query(() -> ActivitySignal.settable(true));
    }

    @AfterEach
    void releaseSamplingThread() {
        trace.releaseAll();
    }

    private static GenerationRequest request(int steps) {
        return GenerationRequest.txt2img("sunset over the sea", "", 512, 512, steps, 7.5f, 42);
    }

    private GenerationWorker start(int steps, PreviewSettings settings) {
        return Edt.query(() -> {
            GenerationWorker worker = new GenerationWorker(model, request(steps), settings, activity, callbacks);
            worker.setTrace(trace);
            worker.start();
            return worker;
        });
    }

    private void awaitEnd() {
        Waits.until("the generation ended", callbacks::isEnded);
    }

    private void assertSwingOnlyOnEdt() {
        assertThat(Edt.query(() -> List.copyOf(callbacks.offEdtCalls))).isEmpty();
        assertThat(Edt.query(() -> List.copyOf(callbacks.afterEnd))).isEmpty();
    }

    @Test
    void should_decode_exactly_4_previews_at_steps_1_6_11_16_when_n_is_5_and_steps_are_20() {
        // Hold each step after a preview step until its preview reached the EDT, so every preview is shown.
        trace.holdAt(step -> step > 1 && (step - 2) % 5 == 0);
        start(20, new PreviewSettings(5, PreviewMethod.APPROXIMATE, false, null));
        for (int previewStep : new int[] {1, 6, 11, 16}) {
            trace.awaitHeldAt(previewStep + 1);
            Waits.until("preview of step " + previewStep + " shown",
                    () -> callbacks.view.shownStep() == previewStep);
            trace.release();
        }
        awaitEnd();

        assertThat(trace.decodedSteps()).containsExactly(1, 6, 11, 16);
        assertThat(Edt.query(() -> List.copyOf(callbacks.previewSteps))).containsExactly(1, 6, 11, 16);
        assertThat(Edt.query(() -> callbacks.lastProgressStep())).isEqualTo(20);
        assertThat(Edt.query(() -> callbacks.result)).isNotNull();
        assertThat(Edt.query(() -> callbacks.view.isShowingResult()))
                .as("callbacks.view.isShowingResult()").isEqualTo(true);
        assertSwingOnlyOnEdt();
    }

    @Test
    void should_pause_previews_while_the_host_is_inactive_and_decode_the_current_step_once_on_reactivation() {
        trace.holdAt(step -> step == 5 || step == 12);
        start(20, new PreviewSettings(1, PreviewMethod.APPROXIMATE, false, null));

        trace.awaitHeldAt(5);
        Edt.run(() -> activity.setActive(false));
        trace.release();
        trace.awaitHeldAt(12);
        Waits.until("progress reached step 11 while inactive", () -> callbacks.lastProgressStep() == 11);
        assertThat(trace.decodedSteps()).containsExactly(1, 2, 3, 4);

        Edt.run(() -> activity.setActive(true));
        trace.awaitDecodes(5);
        assertThat(trace.decodedSteps()).containsExactly(1, 2, 3, 4, 11);
        trace.release();
        awaitEnd();

        List<Integer> expected = new ArrayList<>(List.of(1, 2, 3, 4, 11));
        IntStream.rangeClosed(12, 20).forEach(expected::add);
        assertThat(trace.decodedSteps()).containsExactlyElementsOf(expected);
        assertThat(Edt.query(() -> List.copyOf(callbacks.progressSteps))).isSorted().endsWith(20);
        assertSwingOnlyOnEdt();
    }

    @Test
    void should_keep_decoding_while_inactive_when_the_option_is_on() {
        trace.holdAt(step -> step == 3);
        start(12, new PreviewSettings(2, PreviewMethod.APPROXIMATE, true, null));

        trace.awaitHeldAt(3);
        Edt.run(() -> activity.setActive(false));
        trace.release();
        awaitEnd();

        assertThat(trace.decodedSteps()).containsExactly(1, 3, 5, 7, 9, 11);
        assertSwingOnlyOnEdt();
    }

    @Test
    void should_decode_off_thread_with_the_full_vae_at_the_interval() {
        trace.holdAt(step -> step > 1 && (step - 2) % 4 == 0);
        GenerationWorker worker = start(10, new PreviewSettings(4, PreviewMethod.FULL, false, null));
        for (int previewStep : new int[] {1, 5, 9}) {
            trace.awaitHeldAt(previewStep + 1);
            trace.awaitDecodes(previewStep / 4 + 1);
            trace.release();
        }
        awaitEnd();

        assertThat(worker.methodInEffect()).isEqualTo(PreviewMethod.FULL);
        assertThat(trace.decodedSteps()).containsExactly(1, 5, 9);
        assertSwingOnlyOnEdt();
    }

    @Test
    void should_stop_within_half_a_second_of_cancel_and_leave_the_worker_path_ready() {
        trace.holdAt(step -> step == 6);
        GenerationWorker worker = start(40, new PreviewSettings(1, PreviewMethod.APPROXIMATE, false, null));
        trace.awaitHeldAt(6);

        long cancelledAt = Edt.query(() -> {
            worker.cancelGeneration();
            return System.nanoTime();
        });
        trace.releaseAll();
        awaitEnd();

        assertThat(Edt.query(() -> callbacks.cancelled)).as("callbacks.cancelled").isEqualTo(true);
        assertThat(Edt.query(() -> callbacks.endedNanos) - cancelledAt).isLessThan(500_000_000L);
        assertThat(Edt.query(() -> callbacks.lastProgressStep())).isLessThanOrEqualTo(6);
        assertThat(Edt.query(() -> callbacks.view.isShowingResult()))
                .as("callbacks.view.isShowingResult()").isEqualTo(false);
        assertSwingOnlyOnEdt();

        RecordingCallbacks next = Edt.query(() -> new RecordingCallbacks(callbacks.view));
        Edt.run(() -> {
            callbacks.view.clear();
            new GenerationWorker(model, request(3), PreviewSettings.defaults(), activity, next).start();
        });
        Waits.until("the next generation finished", () -> next.result != null);
    }
}
