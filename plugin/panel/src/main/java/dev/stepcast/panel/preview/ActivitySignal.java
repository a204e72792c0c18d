package dev.stepcast.panel.preview;

import dev.stepcast.host.EditorHost;
import dev.stepcast.host.HostActivityListener;
import java.awt.event.HierarchyEvent;
import java.awt.event.HierarchyListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.swing.JComponent;

/**
 * Whether the user can see previews: the host is active (one of its windows is active and the main window is not
 * iconified — {@link EditorHost#isActive()}) <em>and</em> the panel is showing. While not active, previews pause
 * unless "keep previews refreshing" is on (see {@link PreviewPolicy}).
 *
 * <pre>{@code
 * ActivitySignal activity = ActivitySignal.of(host, panel);   // on the EDT
 * ...
 * activity.dispose();                                       // when the panel goes away
 * }</pre>
 *
 * <p><b>Threads:</b> EDT only — read, listen and dispose on the EDT; listeners are called on the EDT. A worker
 * mirrors it into its {@link PreviewPolicy}, which the sampling thread reads.
 */
public abstract class ActivitySignal {

    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private boolean lastReported;

    /** A signal combining the host's activity and whether {@code panel} is showing. */
    public static ActivitySignal of(EditorHost host, JComponent panel) {
        return new HostActivity(host, panel);
    }

    /** A signal set by hand (tests, the standalone window, the bench), starting at {@code active}. */
    public static Settable settable(boolean active) {
        return new Settable(active);
    }

    /** Whether previews are visible to the user now. EDT. */
    public abstract boolean isActive();

    /** Adds a listener told {@code true}/{@code false} when {@link #isActive()} changes. EDT. */
    public void addListener(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    /** Removes a listener. EDT. */
    public void removeListener(Consumer<Boolean> listener) {
        listeners.remove(listener);
    }

    /** Stops listening to the host and the panel. EDT. */
    public void dispose() {
        listeners.clear();
    }

    /** Subclasses call this on the EDT after anything that may change {@link #isActive()}. */
    protected final void recheck() {
        boolean now = isActive();
        if (now != lastReported) {
            lastReported = now;
            listeners.forEach(l -> l.accept(now));
        }
    }

    /** Subclasses call this once their state is set up. */
    protected final void initLastReported() {
        lastReported = isActive();
    }

    /** A signal the caller sets. EDT. */
    public static final class Settable extends ActivitySignal {

        private boolean active;

        private Settable(boolean active) {
            this.active = active;
            initLastReported();
        }

        @Override
        public boolean isActive() {
            return active;
        }

        /** Sets the state and tells listeners if it changed. EDT. */
        public void setActive(boolean newActive) {
            active = newActive;
            recheck();
        }
    }

    /** The host's activity and the panel's visibility. */
    private static final class HostActivity extends ActivitySignal {

        private final EditorHost host;
        private final JComponent panel;
        private final HostActivityListener hostListener = active -> recheck();
        private final HierarchyListener showingListener = e -> {
            if ((e.getChangeFlags() & HierarchyEvent.SHOWING_CHANGED) != 0) {
                recheck();
            }
        };

        HostActivity(EditorHost host, JComponent panel) {
            this.host = host;
            this.panel = panel;
            host.addActivityListener(hostListener);
            panel.addHierarchyListener(showingListener);
            initLastReported();
        }

        @Override
        public boolean isActive() {
            return host.isActive() && panel.isShowing();
        }

        @Override
        public void dispose() {
            host.removeActivityListener(hostListener);
            panel.removeHierarchyListener(showingListener);
            super.dispose();
        }
    }
}
