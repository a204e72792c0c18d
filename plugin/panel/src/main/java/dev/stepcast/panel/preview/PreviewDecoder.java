package dev.stepcast.panel.preview;

import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.GenerationCancelledException;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.preview.LatentPreviewer;
import java.awt.image.BufferedImage;
import java.io.IOException;

/**
 * The preview decoder thread of one generation: takes the newest frame from a {@link FrameMailbox}, decodes it (latents
 * with the previewer; a server's JPEG/PNG with ImageIO, see {@link EncodedPreviews}), hands the image on, and repeats
 * until the mailbox is closed. It owns the previewer from
 * {@link #start} on and closes it when it ends. Whoever starts it owns the thread: {@link #stop()} closes the mailbox,
 * terminates the decode in progress (the full VAE or tiny decoder's ONNX Runtime run is cancelled through its
 * RunOptions, so a slow decode never delays the end of a run or a cancel) and joins the thread, so no decode runs on a
 * model after the run that started it has ended.
 *
 * <p><b>Threads:</b> {@link #start} and {@link #stop} on any thread (not the decoder thread); the loop runs on its own
 * daemon thread "stepcast-preview-decoder"; the {@link Sink} is called on that thread.
 */
public final class PreviewDecoder implements Runnable {

    private static final System.Logger LOG = System.getLogger(PreviewDecoder.class.getName());

    /** Where decoded previews go. Called on the decoder thread. */
    public interface Sink {
        void decoded(PreviewFrame frame, BufferedImage image);
    }

    private final FrameMailbox mailbox;
    private final LatentPreviewer previewer;
    private final Sink sink;
    private final CancellationToken stop = new CancellationToken();
    private Thread thread;
    private boolean encodedFailureLogged;

    private PreviewDecoder(FrameMailbox mailbox, LatentPreviewer previewer, Sink sink) {
        this.mailbox = mailbox;
        this.previewer = previewer;
        this.sink = sink;
    }

    /**
     * Starts a decoder thread; it closes {@code previewer} when {@code mailbox} is closed. {@code previewer} may be
     * {@code null} for a remote run, whose frames are all encoded images.
     */
    public static PreviewDecoder start(FrameMailbox mailbox, LatentPreviewer previewer, Sink sink) {
        PreviewDecoder decoder = new PreviewDecoder(mailbox, previewer, sink);
        decoder.thread = new Thread(decoder, "stepcast-preview-decoder");
        decoder.thread.setDaemon(true);
        decoder.thread.start();
        return decoder;
    }

    /**
     * Closes the mailbox, stops the decode in progress and waits for the thread to end (it has closed the previewer
     * then). Idempotent.
     */
    public void stop() {
        mailbox.close();
        stop.cancel();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the join must finish: the model may be closed right after this returns
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        try {
            PreviewFrame frame;
            while ((frame = mailbox.take()) != null) {
                if (!decode(frame)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            mailbox.close();
            if (previewer != null) {
                previewer.close();
            }
        }
    }

    /** Decodes one frame; {@code false} when the previewer failed and previews stop for this run. */
    private boolean decode(PreviewFrame frame) {
        if (frame.isEncoded()) {
            return decodeEncoded(frame);
        }
        if (previewer == null) {
            return true; // a latent frame in a remote run cannot happen; nothing to decode it with
        }
        try {
            sink.decoded(frame, previewer.preview(frame.x0(), stop));
            return true;
        } catch (GenerationCancelledException e) {
            return false; // the run ended: stop() terminated this decode
        } catch (ModelException | RuntimeException e) {
            if (stop.isCancelled()) {
                return false;
            }
            LOG.log(System.Logger.Level.WARNING, "preview decode of step " + frame.step() + " with "
                    + previewer.name() + " failed; no more previews in this run", e);
            return false;
        }
    }

    /** A server's image: one bad frame (truncated, an unknown format) is skipped, later frames still decode. */
    private boolean decodeEncoded(PreviewFrame frame) {
        try {
            sink.decoded(frame, EncodedPreviews.decode(frame.encoded()));
        } catch (IOException | RuntimeException e) {
            if (!encodedFailureLogged) {
                encodedFailureLogged = true;
                LOG.log(System.Logger.Level.WARNING, "the server's preview of step " + frame.step()
                        + " could not be decoded (later failures of this run are not logged)", e);
            }
        }
        return true;
    }
}
