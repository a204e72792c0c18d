package dev.stepcast.hoststub;

import io.github.andrewauclair.moderndocking.DockingRegion;
import io.github.andrewauclair.moderndocking.api.DockingAPI;
import io.github.andrewauclair.moderndocking.app.Docking;
import io.github.andrewauclair.moderndocking.app.RootDockingPanel;
import io.github.andrewauclair.moderndocking.exception.DockingLayoutException;
import io.github.andrewauclair.moderndocking.ext.ui.DockingUI;
import java.awt.BorderLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.swing.JFrame;

/**
 * The docking of the main frame with ModernDocking (single-app flavour): the image area in the middle, the layer list
 * at the bottom of a right-hand column, plugin panels at the top of that column (tabbed together when several), all
 * floatable (except the image area), re-dockable and tabbable by dragging. The layout is saved to a file in the
 * host's home folder by ModernDocking's auto-persistence while the host runs and once more on close, and restored on
 * the next open; a missing or unreadable layout gives the default one.
 *
 * <p>ModernDocking's single-app {@code Docking} is a static singleton: one host stub may be open at a time. The
 * static facades {@code AppState}, {@code DockingState} and {@code LayoutPersistence} bind to the first instance
 * ever created, so after {@code Docking.uninitialize()} they point at a dead one; this class therefore uses the
 * instance API of the current {@link DockingAPI} for everything.
 *
 * <p><b>Threads:</b> event dispatch thread only.
 */
final class DockLayout {

    private static final System.Logger LOG = System.getLogger(DockLayout.class.getName());
    /** Share of the main frame's width the right-hand column gets by default. */
    private static final double RIGHT_COLUMN = 0.36;
    /** Share of the right-hand column's height the layer list gets below the plugin panels. */
    private static final double LAYERS_SHARE = 0.24;

    private final JFrame frame;
    private final Path layoutFile;
    private final PanelDockable editor;
    private final PanelDockable layers;
    private final List<PanelDockable> plugins = new ArrayList<>();
    private DockingAPI docking;

    DockLayout(JFrame frame, Path layoutFile, PanelDockable editor, PanelDockable layers) {
        this.frame = frame;
        this.layoutFile = layoutFile;
        this.editor = editor;
        this.layers = layers;
    }

    /** Initialises docking for the frame and registers the host's own dockables; call before showing the frame. */
    void install() {
        Docking.initialize(frame);
        docking = Docking.getSingleInstance();
        DockingUI.initialize();
        frame.getContentPane().add(new RootDockingPanel(frame), BorderLayout.CENTER);
        docking.registerDockable(editor);
        docking.registerDockable(layers);
        docking.getAppState().setPersistFile(layoutFile.toFile());
        docking.getAppState().setPaused(false);
        docking.getAppState().setAutoPersist(true);
    }

    /** Registers a plugin's dockable (before {@link #arrange}, so a saved layout can place it). */
    void registerPlugin(PanelDockable dockable) {
        docking.registerDockable(dockable);
        plugins.add(dockable);
    }

    /**
     * Restores the saved layout if {@code restore} and there is one, else docks the default layout; plugin panels
     * the saved layout does not place are docked on the right.
     *
     * @return a problem text when a saved layout existed but could not be restored
     */
    Optional<String> arrange(boolean restore) {
        Optional<String> problem = Optional.empty();
        boolean restored = false;
        if (restore && Files.isRegularFile(layoutFile)) {
            List<PanelDockable> placeholders = placeholdersForMissingPanels();
            try {
                restored = docking.getAppState().restore();
            } catch (DockingLayoutException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "restoring the docking layout from " + layoutFile, e);
                problem = Optional.of("The saved window layout " + layoutFile + " could not be restored ("
                        + rootMessage(e) + "); the default layout is used.");
                undockAll();
            } finally {
                removePlaceholders(placeholders);
            }
        }
        if (!restored) {
            docking.dock(editor, frame);
            docking.dock(layers, editor, DockingRegion.EAST, RIGHT_COLUMN);
        }
        for (PanelDockable plugin : plugins) {
            if (!docking.isDocked(plugin)) {
                dockOnTheRight(plugin);
            }
        }
        return problem;
    }

    /** Registers and docks a plugin panel on the right, tabbed with the other plugin panels. */
    void addPlugin(PanelDockable dockable) {
        registerPlugin(dockable);
        dockOnTheRight(dockable);
    }

    /** Shows a closed plugin panel again where it belongs by default, or brings it to the front. */
    void display(PanelDockable dockable) {
        if (docking.isDocked(dockable)) {
            docking.bringToFront(dockable);
        } else {
            dockOnTheRight(dockable);
        }
    }

    private void dockOnTheRight(PanelDockable dockable) {
        Optional<PanelDockable> sibling = plugins.stream().filter(p -> p != dockable && docking.isDocked(p)).findFirst();
        if (sibling.isPresent()) {
            docking.dock(dockable, sibling.get(), DockingRegion.CENTER);
        } else if (docking.isDocked(layers)) {
            docking.dock(dockable, layers, DockingRegion.NORTH, 1 - LAYERS_SHARE);
        } else {
            docking.dock(dockable, editor, DockingRegion.EAST, RIGHT_COLUMN);
        }
    }

    /**
     * Panels the saved layout names but nobody registered (a plugin that was removed) get an empty stand-in, so the
     * rest of the layout can be restored; the stand-ins are undocked right after.
     */
    private List<PanelDockable> placeholdersForMissingPanels() {
        List<String> known = all().stream().map(PanelDockable::getPersistentID).toList();
        List<PanelDockable> placeholders = new ArrayList<>();
        for (String id : LayoutFiles.persistentIds(layoutFile)) {
            if (!known.contains(id) && !docking.isDockableRegistered(id)) {
                PanelDockable placeholder = new PanelDockable(id, id, null, new javax.swing.JPanel(), true, true);
                docking.registerDockable(placeholder);
                placeholders.add(placeholder);
            }
        }
        return placeholders;
    }

    private void removePlaceholders(List<PanelDockable> placeholders) {
        for (PanelDockable p : placeholders) {
            if (docking.isDocked(p)) {
                docking.undock(p);
            }
            docking.deregisterDockable(p);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    private void undockAll() {
        for (PanelDockable d : all()) {
            if (docking.isDocked(d)) {
                docking.undock(d);
            }
        }
    }

    private List<PanelDockable> all() {
        List<PanelDockable> all = new ArrayList<>(plugins);
        all.add(0, layers);
        all.add(0, editor);
        return all;
    }

    /** Writes the current layout to the layout file now (auto-persistence is delayed). */
    void save() {
        try {
            Files.createDirectories(layoutFile.getParent());
            AtomicFiles.writeVia(layoutFile, temp -> docking.getLayoutPersistence().saveLayoutToFile(temp.toFile(),
                    docking.getDockingState().getApplicationLayout()));
        } catch (java.io.IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "saving the docking layout to " + layoutFile, e);
        }
    }

    /**
     * Saves the layout, stops auto-persistence, disposes the floating dock windows and releases ModernDocking's
     * singleton for the next host.
     */
    void uninstall() {
        save();
        docking.getAppState().setPaused(true);
        docking.getAppState().setAutoPersist(false);
        List<java.awt.Window> floating = docking.getRootPanels().keySet().stream().filter(w -> w != frame).toList();
        Docking.uninitialize();
        floating.forEach(java.awt.Window::dispose);
        docking = null;
    }
}
