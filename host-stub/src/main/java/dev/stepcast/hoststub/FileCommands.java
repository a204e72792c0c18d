package dev.stepcast.hoststub;

import dev.stepcast.host.EditorHost.MessageKind;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.TransferHandler;
import javax.swing.filechooser.FileNameExtensionFilter;

/**
 * Opening and saving image files: the File menu's choosers, dropping files on the image area, and the direct
 * {@link #open(Path)} / {@link #saveAs(Document, Path)} used by them and by tests. A file that cannot be read or
 * written gives a message naming it; the open documents are never touched by a failure.
 *
 * <p><b>Threads:</b> event dispatch thread only.
 */
final class FileCommands {

    private final JComponent parent;
    private final Workspace workspace;
    private final MessageLog messages;
    private final HostSettings settings;

    FileCommands(JComponent parent, Workspace workspace, MessageLog messages, HostSettings settings) {
        this.parent = parent;
        this.workspace = workspace;
        this.messages = messages;
        this.settings = settings;
    }

    /** Opens {@code file} as a new document; on failure shows a message and returns empty. */
    Optional<Document> open(Path file) {
        BufferedImage image;
        try {
            image = ImageFiles.read(file);
        } catch (ImageFiles.ImageFileException e) {
            messages.show(MessageKind.WARNING, "Cannot open image", e.getMessage());
            return Optional.empty();
        }
        Document document = Document.of(image, file.getFileName().toString());
        document.file(file.toAbsolutePath());
        workspace.open(document);
        remember(file);
        return Optional.of(document);
    }

    /** Saves the composite of {@code document} to {@code file} (PNG or JPEG by extension); false on failure. */
    boolean saveAs(Document document, Path file) {
        Path target = ImageFiles.withImageExtension(file);
        try {
            ImageFiles.write(document.composite(), target);
        } catch (ImageFiles.ImageFileException e) {
            messages.show(MessageKind.ERROR, "Cannot save image", e.getMessage());
            return false;
        }
        document.file(target.toAbsolutePath());
        remember(target);
        return true;
    }

    /** File ▸ Open…: asks for one or more image files and opens them. */
    void chooseAndOpen() {
        JFileChooser chooser = chooser();
        chooser.setMultiSelectionEnabled(true);
        if (chooser.showOpenDialog(parent) == JFileChooser.APPROVE_OPTION) {
            for (File f : chooser.getSelectedFiles()) {
                open(f.toPath());
            }
        }
    }

    /** File ▸ Save As…: asks for a file name (.png or .jpg) and saves the active document. */
    void chooseAndSave() {
        Optional<Document> active = workspace.active();
        if (active.isEmpty()) {
            return;
        }
        JFileChooser chooser = chooser();
        chooser.setSelectedFile(active.get().file().map(Path::toFile)
                .orElse(settings.lastFolder().resolve(baseName(active.get().name()) + ".png").toFile()));
        if (chooser.showSaveDialog(parent) == JFileChooser.APPROVE_OPTION) {
            saveAs(active.get(), chooser.getSelectedFile().toPath());
        }
    }

    /** File ▸ Save: saves the active document to its file, or asks for one. */
    void save() {
        workspace.active().ifPresent(d -> {
            if (d.file().isPresent()) {
                saveAs(d, d.file().get());
            } else {
                chooseAndSave();
            }
        });
    }

    /** A transfer handler that opens image files dropped on a component. */
    TransferHandler dropHandler() {
        return new TransferHandler() {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean canImport(TransferSupport support) {
                return support.isDataFlavorSupported(DataFlavor.javaFileListFlavor);
            }

            @Override
            public boolean importData(TransferSupport support) {
                try {
                    @SuppressWarnings("unchecked")
                    List<File> files = (List<File>) support.getTransferable()
                            .getTransferData(DataFlavor.javaFileListFlavor);
                    files.forEach(f -> open(f.toPath()));
                    return !files.isEmpty();
                } catch (UnsupportedFlavorException | IOException e) {
                    messages.show(MessageKind.WARNING, "Cannot open dropped files", PluginRuntime.describe(e));
                    return false;
                }
            }
        };
    }

    private JFileChooser chooser() {
        JFileChooser chooser = new JFileChooser(settings.lastFolder().toFile());
        chooser.setFileFilter(new FileNameExtensionFilter("Images (PNG, JPEG)", "png", "jpg", "jpeg", "gif", "bmp"));
        return chooser;
    }

    private void remember(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) {
            settings.lastFolder(folder);
        }
    }

    private static String baseName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
