package dev.stepcast.testkit;

import java.awt.Frame;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.event.WindowEvent;

/**
 * Dispatches real {@link WindowEvent}s through the system event queue, for tests under Xvfb.
 *
 * <p>Why: Xvfb without a window manager cannot move focus between top-level windows, iconify a frame or restore it,
 * so the window system never sends these events there. Posting them to the event queue makes them travel the same
 * path as the window system's (the keyboard focus manager, then the window's listeners and AWT event listeners).
 * Iconify/deiconify post {@code WINDOW_ICONIFIED}/{@code WINDOW_DEICONIFIED} and {@code WINDOW_STATE_CHANGED}
 * (with old and new state); the frame's own {@code getExtendedState()} is not changed, as it would not be without
 * a window manager.
 *
 * <p><b>Threads:</b> call from the test thread; each method returns after the posted events were dispatched.
 */
public final class WindowEvents {

    private WindowEvents() {
    }

    /** Dispatches {@code WINDOW_ACTIVATED} on {@code window}, as when the user clicks it. */
    public static void activate(Window window) {
        post(new WindowEvent(window, WindowEvent.WINDOW_ACTIVATED, null));
    }

    /**
     * Dispatches {@code WINDOW_DEACTIVATED} on {@code window}; {@code opposite} is the window being activated, or
     * {@code null} when activation leaves the application.
     */
    public static void deactivate(Window window, Window opposite) {
        post(new WindowEvent(window, WindowEvent.WINDOW_DEACTIVATED, opposite));
    }

    /** Dispatches what a window manager sends when {@code frame} is iconified (minimized). */
    public static void iconify(Frame frame) {
        post(new WindowEvent(frame, WindowEvent.WINDOW_ICONIFIED));
        post(new WindowEvent(frame, WindowEvent.WINDOW_STATE_CHANGED, Frame.NORMAL, Frame.ICONIFIED));
    }

    /** Dispatches what a window manager sends when {@code frame} is restored from an icon. */
    public static void deiconify(Frame frame) {
        post(new WindowEvent(frame, WindowEvent.WINDOW_DEICONIFIED));
        post(new WindowEvent(frame, WindowEvent.WINDOW_STATE_CHANGED, Frame.ICONIFIED, Frame.NORMAL));
    }

    /** Posts {@code event} to the system event queue and waits until it was dispatched. */
    public static void post(WindowEvent event) {
        Toolkit.getDefaultToolkit().getSystemEventQueue().postEvent(event);
        Edt.flush();
    }
}
