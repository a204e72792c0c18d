package dev.stepcast.hoststub;

import dev.stepcast.host.HostActivityListener;
import java.awt.AWTEvent;
import java.awt.Frame;
import java.awt.KeyboardFocusManager;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.event.AWTEventListener;
import java.awt.event.WindowEvent;
import javax.swing.Timer;
import javax.swing.event.EventListenerList;

/**
 * Tracks whether the host is active: some window of the application is the active window and the main frame is not
 * iconified. The host stub is the whole application, so every window of this JVM counts (the main frame, floating
 * dock frames, dialogs, plugins' windows).
 *
 * <p>Becoming active is reported at once; becoming inactive only after {@link #DEBOUNCE_MILLIS} without a window of
 * the application becoming active again, so moving between the host's own windows (a deactivation followed by an
 * activation) is never reported as "inactive".
 *
 * <p>Listens to window events through an {@link AWTEventListener} (activated, deactivated, closed, iconified,
 * deiconified, state changed), and reads the frame's state from the events, not from {@code getExtendedState()}.
 *
 * <p><b>Threads:</b> event dispatch thread only; listeners are called there.
 */
final class HostActivity {

    /** How long "no active window" must last before the host reports itself inactive, in milliseconds. */
    static final int DEBOUNCE_MILLIS = 200;

    private static final System.Logger LOG = System.getLogger(HostActivity.class.getName());

    private final Frame main;
    private final EventListenerList listeners = new EventListenerList();
    private final AWTEventListener windowEvents = e -> windowEvent((WindowEvent) e);
    private final Timer debounce = new Timer(DEBOUNCE_MILLIS, e -> report());
    private Window activeWindow;
    private boolean iconified;
    private boolean active;

    HostActivity(Frame main) {
        this.main = main;
        debounce.setRepeats(false);
    }

    /** Starts tracking, taking the current active window and the frame's state as the initial state. */
    void start() {
        activeWindow = KeyboardFocusManager.getCurrentKeyboardFocusManager().getActiveWindow();
        iconified = (main.getExtendedState() & Frame.ICONIFIED) != 0;
        active = computed();
        Toolkit.getDefaultToolkit().addAWTEventListener(windowEvents,
                AWTEvent.WINDOW_EVENT_MASK | AWTEvent.WINDOW_STATE_EVENT_MASK);
    }

    /** Stops tracking; listeners are no longer called. */
    void stop() {
        Toolkit.getDefaultToolkit().removeAWTEventListener(windowEvents);
        debounce.stop();
    }

    /** The state last reported to listeners. */
    boolean isActive() {
        return active;
    }

    /** Whether an "inactive" report is pending (the debounce delay is running). */
    boolean isSettling() {
        return debounce.isRunning();
    }

    void addListener(HostActivityListener listener) {
        listeners.add(HostActivityListener.class, listener);
    }

    void removeListener(HostActivityListener listener) {
        listeners.remove(HostActivityListener.class, listener);
    }

    private void windowEvent(WindowEvent e) {
        Window window = e.getWindow();
        switch (e.getID()) {
            case WindowEvent.WINDOW_ACTIVATED -> activeWindow = window;
            case WindowEvent.WINDOW_DEACTIVATED, WindowEvent.WINDOW_CLOSED -> {
                if (activeWindow == window) {
                    activeWindow = null;
                }
            }
            case WindowEvent.WINDOW_ICONIFIED -> iconified |= window == main;
            case WindowEvent.WINDOW_DEICONIFIED -> iconified &= window != main;
            case WindowEvent.WINDOW_STATE_CHANGED -> {
                if (window == main) {
                    iconified = (e.getNewState() & Frame.ICONIFIED) != 0;
                }
            }
            default -> {
                return;
            }
        }
        changed();
    }

    private boolean computed() {
        return activeWindow != null && !iconified;
    }

    private void changed() {
        boolean now = computed();
        if (now && !active) {
            debounce.stop();
            report();
        } else if (!now && active) {
            debounce.restart();
        } else {
            debounce.stop();
        }
    }

    private void report() {
        boolean now = computed();
        if (now != active) {
            active = now;
            for (HostActivityListener l : listeners.getListeners(HostActivityListener.class)) {
                try {
                    l.hostActivityChanged(now);
                } catch (RuntimeException | LinkageError ex) {
                    // a plugin's bug must not stop the other listeners or the host
                    LOG.log(System.Logger.Level.WARNING, "host activity listener " + l + " failed", ex);
                }
            }
        }
    }
}
