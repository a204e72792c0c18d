package dev.stepcast.hoststub;

import io.github.andrewauclair.moderndocking.Dockable;
import java.awt.BorderLayout;
import javax.swing.Icon;
import javax.swing.JComponent;
import javax.swing.JPanel;

/**
 * A component the host docks with ModernDocking: the image area, the layer list, or a plugin's panel. The persistent
 * id names it in the saved layout ({@code "editor"}, {@code "layers"}, {@code "plugin.<id>"}).
 *
 * <p><b>Threads:</b> event dispatch thread only.
 */
final class PanelDockable extends JPanel implements Dockable {

    private static final long serialVersionUID = 1L;

    private final String persistentId;
    private final String title;
    private final transient Icon icon;
    private final boolean closable;
    private final boolean floatable;
    private final JComponent content;

    PanelDockable(String persistentId, String title, Icon icon, JComponent content, boolean closable,
                  boolean floatable) {
        super(new BorderLayout());
        this.persistentId = persistentId;
        this.title = title;
        this.icon = icon;
        this.closable = closable;
        this.floatable = floatable;
        this.content = content;
        setName("dockable." + persistentId);
        add(content, BorderLayout.CENTER);
    }

    /** The component shown in the dockable. */
    JComponent content() {
        return content;
    }

    @Override
    public String getPersistentID() {
        return persistentId;
    }

    @Override
    public String getTabText() {
        return title;
    }

    @Override
    public Icon getIcon() {
        return icon;
    }

    @Override
    public boolean isClosable() {
        return closable;
    }

    @Override
    public boolean isFloatingAllowed() {
        return floatable;
    }

    @Override
    public boolean isWrappableInScrollpane() {
        return false;
    }

    @Override
    public boolean isAutoHideAllowed() {
        return false;
    }

    @Override
    public boolean isMinMaxAllowed() {
        return floatable;
    }

    @Override
    public String toString() {
        return "PanelDockable[" + persistentId + "]";
    }
}
