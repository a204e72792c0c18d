package dev.stepcast.panel.run;

import dev.stepcast.engine.GenerationResult;
import dev.stepcast.panel.preview.PreviewView;
import dev.stepcast.panel.preview.Progress;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import javax.swing.SwingUtilities;

/**
 * Records what a worker tells the panel, shows previews and the result in a {@link PreviewView}, and notes any call
 * made off the EDT. <b>Threads:</b> written on the EDT; tests read it through {@code Edt.query}.
 */
class RecordingCallbacks implements GenerationWorker.Callbacks {

    final PreviewView view;
    final List<Integer> progressSteps = new ArrayList<>();
    final List<Integer> previewSteps = new ArrayList<>();
    final List<Integer> previewWidths = new ArrayList<>();
    final List<String> offEdtCalls = new ArrayList<>();
    final List<String> afterEnd = new ArrayList<>();
    GenerationResult result;
    boolean cancelled;
    String failure;
    long endedNanos;

    RecordingCallbacks(PreviewView view) {
        this.view = view;
    }

    private void check(String call) {
        if (!SwingUtilities.isEventDispatchThread()) {
            offEdtCalls.add(call);
        }
        if (isEnded()) {
            afterEnd.add(call);
        }
    }

    boolean isEnded() {
        return result != null || cancelled || failure != null;
    }

    int lastProgressStep() {
        return progressSteps.isEmpty() ? 0 : progressSteps.get(progressSteps.size() - 1);
    }

    @Override
    public void progress(Progress progress) {
        check("progress");
        progressSteps.add(progress.step());
    }

    @Override
    public void preview(BufferedImage image, int step) {
        check("preview");
        previewSteps.add(step);
        previewWidths.add(image.getWidth());
        view.showPreview(image, step);
    }

    @Override
    public void finished(GenerationResult generationResult) {
        check("finished");
        result = generationResult;
        endedNanos = System.nanoTime();
        view.showResult(generationResult.image());
    }

    @Override
    public void cancelled() {
        check("cancelled");
        cancelled = true;
        endedNanos = System.nanoTime();
    }

    @Override
    public void failed(String userMessage) {
        check("failed");
        failure = userMessage;
        endedNanos = System.nanoTime();
    }
}
