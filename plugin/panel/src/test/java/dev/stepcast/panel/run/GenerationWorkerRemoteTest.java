package dev.stepcast.panel.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.panel.preview.ActivitySignal;
import dev.stepcast.panel.preview.PreviewMethod;
import dev.stepcast.panel.preview.PreviewSettings;
import dev.stepcast.panel.preview.PreviewView;
import dev.stepcast.panel.preview.WorkerTrace;
import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.GuiTest;
import dev.stepcast.testkit.Waits;
import java.awt.Dimension;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The worker with a server's backend: the policy answers {@code wantsPreview}, a server's JPEG goes through the
 * mailbox to the decoder thread (never decoded on the EDT or the thread reporting steps), inactive hosts make the
 * server encode nothing, and a server that sends no previews gets one quiet notice.
 */
class GenerationWorkerRemoteTest extends GuiTest {

    private RecordingCallbacks callbacks;
    private final List<String> notices = new ArrayList<>();
    private ActivitySignal.Settable activity;
    private final GatedTrace trace = new GatedTrace();
    private final Set<String> decodeThreads = ConcurrentHashMap.newKeySet();

    @Override
    protected void onSetUp() {
        callbacks = Edt.query(() -> {
            PreviewView view = new PreviewView();
            view.setPreferredSize(new Dimension(128, 128));
            JFrame frame = new JFrame("remote worker test");
            frame.add(view);
            frame.pack();
            frame.setVisible(true);
            return new RecordingCallbacks(view) {
                @Override
                public void notice(String message) {
                    notices.add(message);
                }
            };
        });
        activity = Edt.query(() -> ActivitySignal.settable(true));
    }

    @AfterEach
    void releaseSamplingThread() {
        trace.releaseAll();
    }

    private GenerationWorker start(ScriptedServerBackend backend, int steps, PreviewSettings settings) {
        WorkerTrace recording = new WorkerTrace() {
            @Override
            public void stepEnded(int step, long nanos) {
                trace.stepEnded(step, nanos);
            }

            @Override
            public void previewDecoded(int step, long stepEndNanos, long decodedNanos) {
                decodeThreads.add(Thread.currentThread().getName()
                        + (SwingUtilities.isEventDispatchThread() ? " (EDT)" : ""));
                trace.previewDecoded(step, stepEndNanos, decodedNanos);
            }
        };
        return Edt.query(() -> {
            GenerationWorker worker = new GenerationWorker(backend,
                    GenerationRequest.txt2img("a lighthouse", "", 64, 64, steps, 7f, 1), settings, activity,
                    callbacks);
            worker.setTrace(recording);
            worker.start();
            return worker;
        });
    }

    private void awaitEnd() {
        Waits.until("the generation ended", callbacks::isEnded);
    }

    @Test
    void should_ask_the_server_for_previews_at_the_interval_and_decode_them_on_the_decoder_thread() {
        ScriptedServerBackend server = new ScriptedServerBackend(true);
        trace.holdAt(step -> step > 1 && (step - 2) % 3 == 0);
        GenerationWorker worker = start(server, 9, new PreviewSettings(3, PreviewMethod.AUTO, false, null));
        for (int previewStep : new int[] {1, 4, 7}) {
            trace.awaitHeldAt(previewStep + 1);
            Waits.until("server preview of step " + previewStep + " shown",
                    () -> callbacks.view.shownStep() == previewStep);
            trace.release();
        }
        awaitEnd();

        assertThat(server.wanted()).containsExactly(1, 4, 7);
        assertThat(server.skipped()).containsExactly(2, 3, 5, 6, 8, 9);
        assertThat(trace.decodedSteps()).containsExactly(1, 4, 7);
        assertThat(decodeThreads).containsExactly("stepcast-preview-decoder");
        assertThat(Edt.query(() -> List.copyOf(callbacks.previewWidths))).containsExactly(64, 64, 64);
        assertThat(Edt.query(() -> callbacks.lastProgressStep())).isEqualTo(9);
        assertThat(worker.methodInEffect()).isEqualTo(PreviewMethod.SERVER);
        assertThat(Edt.query(() -> List.copyOf(notices))).isEmpty();
        assertThat(Edt.query(() -> List.copyOf(callbacks.offEdtCalls))).isEmpty();
    }

    @Test
    void should_make_the_server_encode_nothing_while_the_host_is_inactive_and_the_option_is_off() {
        Edt.run(() -> activity.setActive(false));
        ScriptedServerBackend server = new ScriptedServerBackend(true);
        start(server, 6, new PreviewSettings(1, PreviewMethod.AUTO, false, null));
        awaitEnd();

        assertThat(server.wanted()).isEmpty();
        assertThat(server.skipped()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(server.encodeThreads).isEmpty();
        assertThat(trace.decodedSteps()).isEmpty();
        assertThat(Edt.query(() -> List.copyOf(callbacks.previewSteps))).isEmpty();
        assertThat(Edt.query(() -> callbacks.lastProgressStep())).isEqualTo(6);
    }

    @Test
    void should_ask_for_nothing_when_previews_are_off() {
        ScriptedServerBackend server = new ScriptedServerBackend(true);
        GenerationWorker worker = start(server, 4, new PreviewSettings(1, PreviewMethod.NONE, true, null));
        awaitEnd();

        assertThat(server.wanted()).isEmpty();
        assertThat(worker.methodInEffect()).isEqualTo(PreviewMethod.NONE);
    }

    @Test
    void should_say_once_that_the_server_sends_no_previews_when_they_were_wanted() {
        ScriptedServerBackend server = new ScriptedServerBackend(false);
        start(server, 5, new PreviewSettings(1, PreviewMethod.AUTO, false, null));
        awaitEnd();

        assertThat(server.wanted()).containsExactly(1, 2, 3, 4, 5);
        assertThat(Edt.query(() -> List.copyOf(notices)))
                .containsExactly("The server sends no previews — start ComfyUI with --preview-method auto.");
        assertThat(Edt.query(() -> callbacks.result)).isNotNull();
    }
}
