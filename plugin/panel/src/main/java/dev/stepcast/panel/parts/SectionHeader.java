package dev.stepcast.panel.parts;

import java.util.function.Supplier;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSeparator;
import net.miginfocom.swing.MigLayout;

/**
 * A section title of the form ("▾ Parameters ────"), which folds its section away to one summary line
 * ("▸ Parameters  20 steps · CFG 7.5 · Euler a · 512 × 512 · random seed") so the preview keeps its room in a short
 * dock. The title is a button: Space or a click folds and unfolds; its accessible name says the state.
 *
 * <p>UI defaults read: {@code Label.disabledForeground} (summary), see {@link UiColors}.
 *
 * <p><b>Threads:</b> EDT only.
 */
public final class SectionHeader extends JPanel {

    private static final long serialVersionUID = 1L;

    private final JButton toggle = new JButton();
    private final JLabel summary = new JLabel();
    private final JSeparator line = new JSeparator();
    private final String title;
    private final JComponent section;
    private final transient Supplier<String> summaryText;

    /**
     * @param title       the section's title
     * @param section     the component folded away
     * @param summaryText what the folded line says about the section's values
     */
    public SectionHeader(String title, JComponent section, Supplier<String> summaryText) {
        super(new MigLayout("insets 0, gap 6, hidemode 3", "[][grow, fill]", "[]"));
        this.title = title;
        this.section = section;
        this.summaryText = summaryText;
        setOpaque(false);
        toggle.setName("section-" + title.toLowerCase(java.util.Locale.ROOT));
        toggle.putClientProperty("JButton.buttonType", "borderless");
        toggle.putClientProperty("FlatLaf.styleClass", "h4");
        toggle.setMargin(new java.awt.Insets(0, 0, 0, 0));
        toggle.setToolTipText("Fold or unfold " + title + " (the summary shows its values while folded)");
        toggle.addActionListener(e -> setFolded(section.isVisible()));
        summary.setForeground(UiColors.secondaryText());
        summary.setName("summary-" + title.toLowerCase(java.util.Locale.ROOT));
        add(toggle);
        add(line, "growx");
        add(summary, "wmin 0");
        setFolded(false);
    }

    /** Folds ({@code true}) or unfolds the section. */
    public void setFolded(boolean folded) {
        section.setVisible(!folded);
        toggle.setText((folded ? "▸ " : "▾ ") + title);
        toggle.getAccessibleContext().setAccessibleName(title + (folded ? ", folded" : ", unfolded"));
        line.setVisible(!folded);
        summary.setVisible(folded);
        if (folded) {
            summary.setText(summaryText.get());
            summary.setToolTipText(summary.getText());
        }
        revalidate();
        repaint();
    }

    /** Rewrites the summary from the section's current values (after they were changed from outside). */
    public void refresh() {
        if (isFolded()) {
            summary.setText(summaryText.get());
            summary.setToolTipText(summary.getText());
        }
    }

    public boolean isFolded() {
        return !section.isVisible();
    }

    @Override
    public void updateUI() {
        super.updateUI();
        if (summary != null) {
            summary.setForeground(UiColors.secondaryText());
        }
    }
}
