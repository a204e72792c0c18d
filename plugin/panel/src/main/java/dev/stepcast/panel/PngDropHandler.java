package dev.stepcast.panel;

import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.io.File;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javax.swing.JComponent;
import javax.swing.TransferHandler;

/**
 * Accepts a PNG file dropped on the panel and hands its path on (the panel reads its {@code parameters} chunk and
 * restores the settings). Installed on the panel and, wrapping their own handlers, on the prompt fields: text drops
 * there still insert text; only file drops are taken.
 *
 * <p><b>Threads:</b> EDT (Swing calls transfer handlers there).
 */
final class PngDropHandler extends TransferHandler {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(PngDropHandler.class.getName());

    private final transient Consumer<Path> onPng;
    private final TransferHandler delegate;

    /** A handler taking PNG file drops, passing anything else to {@code delegate} (may be {@code null}). */
    PngDropHandler(Consumer<Path> onPng, TransferHandler delegate) {
        this.onPng = onPng;
        this.delegate = delegate;
    }

    /** Installs on {@code c}, keeping its own handler for everything but file drops. */
    static void install(JComponent c, Consumer<Path> onPng) {
        c.setTransferHandler(new PngDropHandler(onPng, c.getTransferHandler()));
    }

    @Override
    public boolean canImport(TransferSupport support) {
        if (support.isDataFlavorSupported(DataFlavor.javaFileListFlavor)) {
            return true;
        }
        return delegate != null && delegate.canImport(support);
    }

    @Override
    public boolean importData(TransferSupport support) {
        if (!support.isDataFlavorSupported(DataFlavor.javaFileListFlavor)) {
            return delegate != null && delegate.importData(support);
        }
        Optional<Path> png = firstPng(support.getTransferable());
        png.ifPresent(onPng);
        return png.isPresent();
    }

    static Optional<Path> firstPng(Transferable t) {
        try {
            List<?> files = (List<?>) t.getTransferData(DataFlavor.javaFileListFlavor);
            return files.stream().filter(File.class::isInstance).map(f -> ((File) f).toPath())
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")).findFirst();
        } catch (UnsupportedFlavorException | IOException e) {
            LOG.log(Level.DEBUG, "Drop not readable", e);
            return Optional.empty();
        }
    }

    @Override
    public int getSourceActions(JComponent c) {
        return delegate == null ? NONE : delegate.getSourceActions(c);
    }

    @Override
    protected Transferable createTransferable(JComponent c) {
        return null;
    }

    @Override
    public void exportToClipboard(JComponent comp, java.awt.datatransfer.Clipboard clip, int action) {
        if (delegate != null) {
            delegate.exportToClipboard(comp, clip, action);
        }
    }

    @Override
    public void exportAsDrag(JComponent comp, java.awt.event.InputEvent e, int action) {
        if (delegate != null) {
            delegate.exportAsDrag(comp, e, action);
        }
    }
}
