package dev.stepcast.hoststub;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Toolkit;
import java.awt.event.ActionListener;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.util.Optional;
import javax.swing.ButtonGroup;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JRadioButtonMenuItem;
import javax.swing.KeyStroke;
import javax.swing.event.ChangeListener;
import javax.swing.event.MenuEvent;
import javax.swing.event.MenuListener;

/**
 * The main window's menu bar: File (open, save, close, quit), Edit (undo/redo of layer operations, selection), View
 * (zoom, light/dark theme), Layer (new, delete, up, down, hide) and Window (show the layer list or a plugin panel
 * again). Items are enabled by what the active document allows whenever a menu opens.
 *
 * <p><b>Threads:</b> event dispatch thread only.
 */
final class EditorMenus {

    private static final int MENU = Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx();

    private static final int NEW_SIDE = 512;

    private final HostStub stub;
    private int untitled;
    private final JMenuItem undo;
    private final JMenuItem redo;
    private final ChangeListener refresh = e -> updateUndoItems();

    EditorMenus(HostStub stub) {
        this.stub = stub;
        this.undo = item("Undo", KeyEvent.VK_Z, 0, e -> stub.undo());
        this.redo = item("Redo", KeyEvent.VK_Y, 0, e -> stub.redo());
        undo.setName("menu.undo");
        redo.setName("menu.redo");
    }

    JMenuBar build() {
        JMenuBar bar = new JMenuBar();
        bar.add(fileMenu());
        bar.add(editMenu());
        bar.add(viewMenu());
        bar.add(layerMenu());
        bar.add(windowMenu());
        stub.workspace().onActiveChanged(d -> {
            stub.workspace().documents().forEach(doc -> doc.removeChangeListener(refresh));
            d.ifPresent(doc -> doc.addChangeListener(refresh));
            updateUndoItems();
        });
        updateUndoItems();
        return bar;
    }

    private JMenu fileMenu() {
        JMenu menu = menu("File", KeyEvent.VK_F);
        menu.add(item("New Image", KeyEvent.VK_N, 0, e -> newImage()));
        menu.add(item("Open\u2026", KeyEvent.VK_O, 0, e -> stub.files().chooseAndOpen()));
        JMenuItem save = menu.add(item("Save", KeyEvent.VK_S, 0, e -> stub.files().save()));
        JMenuItem saveAs = menu.add(item("Save As\u2026", KeyEvent.VK_S, KeyEvent.SHIFT_DOWN_MASK,
                e -> stub.files().chooseAndSave()));
        JMenuItem close = menu.add(item("Close Image", KeyEvent.VK_W, 0,
                e -> active().ifPresent(d -> stub.workspace().close(d))));
        menu.addSeparator();
        menu.add(item("Quit", KeyEvent.VK_Q, 0, e -> stub.close()));
        enableWithDocument(menu, save, saveAs, close);
        return menu;
    }

    /** File ▸ New Image: a white 512 × 512 document named "Untitled N" (the size Stable Diffusion 1.x makes). */
    private void newImage() {
        BufferedImage white = new BufferedImage(NEW_SIDE, NEW_SIDE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = white.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, NEW_SIDE, NEW_SIDE);
        g.dispose();
        stub.openDocument(white, "Untitled " + (++untitled));
    }

    private JMenu editMenu() {
        JMenu menu = menu("Edit", KeyEvent.VK_E);
        redo.setAccelerator(KeyStroke.getKeyStroke(KeyEvent.VK_Z, MENU | KeyEvent.SHIFT_DOWN_MASK));
        menu.add(undo);
        menu.add(redo);
        menu.addSeparator();
        JMenuItem all = menu.add(item("Select All", KeyEvent.VK_A, 0,
                e -> active().ifPresent(d -> d.setSelection(new Rectangle(0, 0, d.width(), d.height())))));
        JMenuItem none = menu.add(item("Deselect", KeyEvent.VK_D, 0,
                e -> active().ifPresent(d -> d.setSelection(null))));
        enableWithDocument(menu, all, none);
        return menu;
    }

    private JMenu viewMenu() {
        JMenu menu = menu("View", KeyEvent.VK_V);
        JMenuItem fit = menu.add(item("Fit to Window", KeyEvent.VK_0, 0,
                e -> stub.editorArea().activeCanvas().ifPresent(CanvasView::zoomToFit)));
        JMenuItem actual = menu.add(item("Actual Size (100 %)", KeyEvent.VK_1, 0,
                e -> stub.editorArea().activeCanvas().ifPresent(CanvasView::zoomActualSize)));
        JMenuItem in = menu.add(item("Zoom In", KeyEvent.VK_EQUALS, 0,
                e -> stub.editorArea().activeCanvas().ifPresent(c -> c.zoomBy(1.25))));
        JMenuItem out = menu.add(item("Zoom Out", KeyEvent.VK_MINUS, 0,
                e -> stub.editorArea().activeCanvas().ifPresent(c -> c.zoomBy(0.8))));
        menu.addSeparator();
        ButtonGroup themes = new ButtonGroup();
        JRadioButtonMenuItem light = new JRadioButtonMenuItem("Light Theme", !Themes.isDark());
        JRadioButtonMenuItem dark = new JRadioButtonMenuItem("Dark Theme", Themes.isDark());
        light.setName("menu.theme.light");
        dark.setName("menu.theme.dark");
        light.addActionListener(e -> stub.setDarkTheme(false));
        dark.addActionListener(e -> stub.setDarkTheme(true));
        themes.add(light);
        themes.add(dark);
        menu.add(light);
        menu.add(dark);
        enableWithDocument(menu, fit, actual, in, out);
        return menu;
    }

    private JMenu layerMenu() {
        JMenu menu = menu("Layer", KeyEvent.VK_L);
        JMenuItem add = menu.add(item("New Layer", KeyEvent.VK_N, KeyEvent.SHIFT_DOWN_MASK,
                e -> stub.layersPanel().addEmptyLayer()));
        JMenuItem delete = menu.add(item("Delete Layer", 0, 0,
                e -> selectedLayer().ifPresent(l -> active().orElseThrow().deleteLayer(l))));
        JMenuItem up = menu.add(item("Move Layer Up", KeyEvent.VK_CLOSE_BRACKET, 0,
                e -> stub.layersPanel().moveSelected(+1)));
        JMenuItem down = menu.add(item("Move Layer Down", KeyEvent.VK_OPEN_BRACKET, 0,
                e -> stub.layersPanel().moveSelected(-1)));
        JMenuItem hide = menu.add(item("Show/Hide Layer", KeyEvent.VK_COMMA, 0, e -> selectedLayer()
                .ifPresent(l -> active().orElseThrow().setVisible(l, !l.visible()))));
        enableWithDocument(menu, add, delete, up, down, hide);
        return menu;
    }

    private JMenu windowMenu() {
        JMenu menu = menu("Window", KeyEvent.VK_W);
        menu.addMenuListener(new OnOpen(() -> {
            menu.removeAll();
            menu.add(item("Layers", 0, 0, e -> stub.dockLayout().display(stub.layersDockable())));
            stub.plugins().running().forEach(r -> menu.add(item(r.dockable().getTabText(), 0, 0,
                    e -> stub.dockLayout().display(r.dockable()))));
        }));
        return menu;
    }

    private Optional<Document> active() {
        return stub.workspace().active();
    }

    private Optional<Layer> selectedLayer() {
        return active().isPresent() ? stub.layersPanel().selected() : Optional.empty();
    }

    private void updateUndoItems() {
        Optional<Document> d = active();
        undo.setEnabled(d.map(doc -> doc.undoManager().canUndo()).orElse(false));
        redo.setEnabled(d.map(doc -> doc.undoManager().canRedo()).orElse(false));
        undo.setText(d.map(doc -> doc.undoManager().getUndoPresentationName()).orElse("Undo"));
        redo.setText(d.map(doc -> doc.undoManager().getRedoPresentationName()).orElse("Redo"));
    }

    private void enableWithDocument(JMenu menu, JMenuItem... items) {
        menu.addMenuListener(new OnOpen(() -> {
            boolean has = active().isPresent();
            for (JMenuItem i : items) {
                i.setEnabled(has);
            }
        }));
    }

    private static JMenu menu(String text, int mnemonic) {
        JMenu menu = new JMenu(text);
        menu.setMnemonic(mnemonic);
        menu.setName("menu." + text.toLowerCase(java.util.Locale.ROOT));
        return menu;
    }

    private static JMenuItem item(String text, int key, int extraModifiers, ActionListener action) {
        JMenuItem item = new JMenuItem(text);
        if (key != 0) {
            item.setAccelerator(KeyStroke.getKeyStroke(key, MENU | extraModifiers));
        }
        item.addActionListener(action);
        return item;
    }

    /** Runs something each time a menu opens. */
    private record OnOpen(Runnable action) implements MenuListener {
        @Override
        public void menuSelected(MenuEvent e) {
            action.run();
        }

        @Override
        public void menuDeselected(MenuEvent e) {
        }

        @Override
        public void menuCanceled(MenuEvent e) {
        }
    }
}
