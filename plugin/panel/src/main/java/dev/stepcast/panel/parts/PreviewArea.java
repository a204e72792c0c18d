package dev.stepcast.panel.parts;

import dev.stepcast.panel.preview.PreviewView;
import java.awt.CardLayout;
import java.awt.image.BufferedImage;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingConstants;
import javax.swing.UIManager;

/**
 * The preview/result area: the previews helper's {@link PreviewView} framed by a thin border, and a hint in its place
 * while there is nothing to show ("Live previews appear here…").
 *
 * <p>UI defaults read: {@code Component.borderColor} (frame), {@code Label.disabledForeground} (hint).
 *
 * <p><b>Threads:</b> EDT only.
 */
public final class PreviewArea extends JPanel {

    private static final long serialVersionUID = 1L;

    private final CardLayout cards = new CardLayout();
    private final PreviewView view = new PreviewView();
    private final JLabel hint = new JLabel("<html><center>Live previews appear here.<br>Ctrl+Enter generates."
            + "<br>Drop a PNG to reuse its settings.</center></html>", SwingConstants.CENTER);

    public PreviewArea() {
        setLayout(cards);
        setMinimumSize(new java.awt.Dimension(60, 60));
        setName("previewArea");
        view.setName("preview");
        hint.setName("previewHint");
        add(hint, "hint");
        add(view, "view");
        updateColours();
    }

    private final transient java.util.List<Integer> previewSteps = new java.util.ArrayList<>();

    /** The view (tests read what it shows). */
    public PreviewView view() {
        return view;
    }

    /** Shows a live preview of {@code step}. */
    public void showPreview(BufferedImage image, int step) {
        previewSteps.add(step);
        view.showPreview(image, step);
        cards.show(this, "view");
    }

    /** Shows a final image. */
    public void showResult(BufferedImage image) {
        view.showResult(image);
        cards.show(this, "view");
    }

    /** The steps whose previews this run showed, in order (for tests and the bench). */
    public java.util.List<Integer> previewStepsThisRun() {
        return java.util.List.copyOf(previewSteps);
    }

    /** Clears the view for a new run (an empty frame, not the hint). */
    public void startRun() {
        previewSteps.clear();
        view.clear();
        cards.show(this, "view");
        // In a short dock the form scrolls: bring the preview into view so the run can be watched.
        scrollRectToVisible(new java.awt.Rectangle(getSize()));
    }

    /** Clears the view and shows the hint. */
    public void clear() {
        view.clear();
        cards.show(this, "hint");
    }

    /** Whether a final image (not a live preview) is shown. */
    public boolean isShowingResult() {
        return view.isShowingResult();
    }

    /** Whether nothing is shown. */
    public boolean isEmpty() {
        return view.image() == null;
    }

    private void updateColours() {
        setBorder(BorderFactory.createLineBorder(UiColors.ui(java.awt.Color.GRAY, "Component.borderColor")));
        hint.setForeground(UiColors.secondaryText());
        setBackground(UIManager.getColor("Panel.background"));
    }

    @Override
    public void updateUI() {
        super.updateUI();
        if (hint != null) {
            updateColours();
        }
    }
}
