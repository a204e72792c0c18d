package dev.stepcast.panel.run;

import dev.stepcast.engine.Backend;
import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.EncodedImage;
import dev.stepcast.engine.GenerationCancelledException;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.GenerationResult;
import dev.stepcast.engine.StepEvent;
import dev.stepcast.engine.StepListener;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A {@link Backend} that behaves like a server as the worker sees it, on the generation thread: for each step it asks
 * {@link StepListener#wantsPreview} (as an sdapi client decides {@code skip_current_image}), encodes a real JPEG of
 * that step only when asked and {@code sendsPreviews} (a ComfyUI without a preview method sends none), and reports a
 * remote step event. It records each step's answer. For the worker's contract only; the real clients are tested
 * against HTTP stand-ins.
 *
 * <p><b>Threads:</b> {@link #generate} on the generation thread; the records are read by the test thread after the
 * run ended (published by the worker's end).
 */
final class ScriptedServerBackend implements Backend {

    private final boolean sendsPreviews;
    final List<Integer> wantedSteps = new ArrayList<>();
    final List<Integer> skippedSteps = new ArrayList<>();
    final List<String> encodeThreads = new ArrayList<>();

    ScriptedServerBackend(boolean sendsPreviews) {
        this.sendsPreviews = sendsPreviews;
    }

    @Override
    public String describe() {
        return "ComfyUI 0.3 at scripted:8188";
    }

    @Override
    public List<String> checkpoints() {
        return List.of("scripted.safetensors");
    }

    @Override
    public List<String> samplers() {
        return List.of("euler");
    }

    @Override
    public GenerationResult generate(GenerationRequest request, StepListener listener, CancellationToken cancel)
            throws GenerationCancelledException {
        long start = System.nanoTime();
        for (int step = 1; step <= request.steps(); step++) {
            cancel.throwIfCancelled();
            boolean wants = listener.wantsPreview(step);
            synchronized (this) {
                (wants ? wantedSteps : skippedSteps).add(step);
            }
            EncodedImage preview = wants && sendsPreviews ? jpeg(step) : null;
            listener.onStep(StepEvent.remote(step, request.steps(), System.nanoTime() - start, preview));
        }
        BufferedImage result = new BufferedImage(request.width(), request.height(), BufferedImage.TYPE_INT_RGB);
        return new GenerationResult(result, null, request, null, describe(), request.steps(),
                System.nanoTime() - start, System.nanoTime() - start);
    }

    /** A 64×64 JPEG whose red channel says the step (step × 10). */
    private EncodedImage jpeg(int step) {
        synchronized (this) {
            encodeThreads.add(Thread.currentThread().getName());
        }
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(Math.min(255, step * 10), 40, 200));
        g.fillRect(0, 0, 64, 64);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EncodedImage(EncodedImage.Format.JPEG, out.toByteArray());
    }

    synchronized List<Integer> wanted() {
        return List.copyOf(wantedSteps);
    }

    synchronized List<Integer> skipped() {
        return List.copyOf(skippedSteps);
    }

    @Override
    public void close() {
    }
}
