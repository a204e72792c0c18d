package dev.stepcast.hoststub;

import dev.stepcast.host.EditorHost.MessageKind;
import java.awt.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.swing.JDialog;
import javax.swing.JOptionPane;

/**
 * Every message the host showed to the user (its own and plugins' {@code showMessage}), in order. Each message is
 * logged, passed to listeners (the status bar), and — unless dialogs are turned off — shown in a modeless dialog
 * over the main window, so a message never blocks the caller or a test. Messages that come before the main window is
 * shown (e.g. a plugin failing to start) get their dialog once it is ({@link #ready()}).
 *
 * <p><b>Threads:</b> event dispatch thread only; listeners are called there.
 */
public final class MessageLog {

    private static final System.Logger LOG = System.getLogger(MessageLog.class.getName());

    /** One message as the user saw it. */
    public record Message(MessageKind kind, String title, String text) {
        public Message {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(text, "text");
        }
    }

    private final List<Message> messages = new ArrayList<>();
    private final List<Consumer<Message>> listeners = new ArrayList<>();
    private final List<JDialog> dialogs = new ArrayList<>();
    private final List<Message> pendingDialogs = new ArrayList<>();
    private final Window owner;
    private final boolean showDialogs;
    private boolean ready;

    MessageLog(Window owner, boolean showDialogs) {
        this.owner = owner;
        this.showDialogs = showDialogs;
    }

    /** The messages shown so far, oldest first (a copy). */
    public List<Message> messages() {
        return List.copyOf(messages);
    }

    /** Records, logs and shows a message. */
    void show(MessageKind kind, String title, String text) {
        Message message = new Message(kind, title, text);
        messages.add(message);
        LOG.log(level(kind), "{0}: {1}", title, text);
        listeners.forEach(l -> l.accept(message));
        if (showDialogs && ready) {
            showDialog(message);
        } else if (showDialogs) {
            pendingDialogs.add(message);
        }
    }

    /** Shows the dialogs of messages that came before the main window was shown, and every later one at once. */
    void ready() {
        ready = true;
        pendingDialogs.forEach(this::showDialog);
        pendingDialogs.clear();
    }

    /** Told about every new message. */
    void onMessage(Consumer<Message> listener) {
        listeners.add(listener);
    }

    /** Closes the dialogs still open. */
    void disposeDialogs() {
        dialogs.forEach(JDialog::dispose);
        dialogs.clear();
    }

    private void showDialog(Message message) {
        JOptionPane pane = new JOptionPane(message.text(), optionType(message.kind()));
        JDialog dialog = pane.createDialog(owner, message.title());
        dialog.setName("message." + message.kind().name().toLowerCase(java.util.Locale.ROOT));
        dialog.setModal(false);
        dialog.addWindowListener(new java.awt.event.WindowAdapter() {
            @Override
            public void windowClosed(java.awt.event.WindowEvent e) {
                dialogs.remove(dialog);
            }
        });
        dialogs.add(dialog);
        dialog.setVisible(true);
    }

    private static int optionType(MessageKind kind) {
        return switch (kind) {
            case INFO -> JOptionPane.INFORMATION_MESSAGE;
            case WARNING -> JOptionPane.WARNING_MESSAGE;
            case ERROR -> JOptionPane.ERROR_MESSAGE;
        };
    }

    private static System.Logger.Level level(MessageKind kind) {
        return switch (kind) {
            case INFO -> System.Logger.Level.INFO;
            case WARNING -> System.Logger.Level.WARNING;
            case ERROR -> System.Logger.Level.ERROR;
        };
    }
}
