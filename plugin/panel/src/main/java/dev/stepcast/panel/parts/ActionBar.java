package dev.stepcast.panel.parts;

import dev.stepcast.icons.StepcastIcon;
import dev.stepcast.icons.StepcastIcons;
import java.util.Locale;
import javax.swing.Action;
import javax.swing.JButton;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import net.miginfocom.swing.MigLayout;

/**
 * Generate and Cancel in one always-visible place, with the progress bar under them: "Step 7/20 · 3.4 it/s · ETA 4 s"
 * (and "Image 2/4 · " in a batch). Generate is the look and feel's default-style button; it is disabled (with the
 * reason in its tooltip) while the form is invalid, no model is loaded or a generation runs. The keys (Ctrl+Enter,
 * Esc) are bound by the panel.
 *
 * <p><b>Threads:</b> EDT only.
 */
public final class ActionBar extends JPanel {

    private static final long serialVersionUID = 1L;
    static final String GENERATE_TIP = "Generate an image from the settings above (Ctrl+Enter)";

    private final JButton generate = new JButton("Generate");
    private final JButton cancel = new JButton("Cancel");
    private final JProgressBar progress = new JProgressBar(0, 1);
    private final JButton applyLatest = new JButton();
    private final JButton discardLatest = new JButton();

    public ActionBar() {
        super(new MigLayout("insets 0, gap 4 4", "[grow, fill][][][]", "[][]"));
        setOpaque(false);
        generate.setName("generate");
        generate.setMnemonic('G');
        generate.setIcon(StepcastIcons.get(StepcastIcon.GENERATE));
        // The look of the default button, without making it the root pane's default (Enter must stay in the fields).
        generate.putClientProperty("FlatLaf.style", "background: $Button.default.background; "
                + "foreground: $Button.default.foreground; borderColor: $Button.default.borderColor; "
                + "hoverBackground: $Button.default.hoverBackground; "
                + "pressedBackground: $Button.default.pressedBackground; font: bold; "
                // A clear focus ring in both themes (the default cue on this fill is faint).
                + "focusWidth: 2; innerFocusWidth: 1; focusColor: $Component.focusColor; "
                + "focusedBorderColor: $Component.focusedBorderColor");
        generate.setToolTipText(GENERATE_TIP);
        generate.getAccessibleContext().setAccessibleDescription(GENERATE_TIP);
        cancel.setName("cancel");
        cancel.setToolTipText("Cancel — stop the running generation (Esc); images already made are kept");
        cancel.setEnabled(false);
        cancel.setIcon(StepcastIcons.get(StepcastIcon.CANCEL));
        progress.setName("progress");
        progress.setStringPainted(true);
        progress.setString("Ready");
        progress.getAccessibleContext().setAccessibleName("Generation progress");
        cancel.setHideActionText(true);
        cancel.setText(null);
        cancel.getAccessibleContext().setAccessibleName("Cancel");
        applyLatest.setName("applyLatest");
        discardLatest.setName("discardLatest");
        add(generate, "hmin 30, wmin 60");
        add(applyLatest, "hmin 30, hidemode 3");
        add(discardLatest, "hmin 30, hidemode 3");
        add(cancel, "hmin 30, wrap");
        add(progress, "span, growx, hmin 18, wmin 0");
    }

    /**
     * Puts the history's Apply and Discard commands next to Generate (the same {@link Action}s as the strip's buttons,
     * acting on the selected result — the newest after a run), so they are visible however the form is scrolled.
     */
    public void setResultActions(Action apply, Action discard) {
        applyLatest.setAction(apply);
        discardLatest.setAction(discard);
        discardLatest.setHideActionText(true);
        applyLatest.getAccessibleContext().setAccessibleName("Apply the selected result");
        discardLatest.getAccessibleContext().setAccessibleName("Discard the selected result");
    }

    public JButton applyLatestButton() {
        return applyLatest;
    }

    public JButton generateButton() {
        return generate;
    }

    public JButton cancelButton() {
        return cancel;
    }

    public JProgressBar progressBar() {
        return progress;
    }

    /**
     * Enables Generate when {@code whyNot} is {@code null}; otherwise disables it and puts the reason in its tooltip.
     */
    public void setGenerateAllowed(String whyNot) {
        generate.setEnabled(whyNot == null);
        generate.setToolTipText(whyNot == null ? GENERATE_TIP : "<html>" + GENERATE_TIP + "<br><b>Not now:</b> "
                + MessageBox.escape(whyNot) + "</html>");
    }

    /** Switches between the idle state (Generate) and the running state (Cancel). */
    public void setRunning(boolean running) {
        cancel.setEnabled(running);
        if (running) {
            progress.setIndeterminate(true);
            progress.setString("Starting…");
        }
    }

    /**
     * Shows the progress of one step.
     *
     * @param step        the step just finished, 1-based
     * @param total       the steps of this image
     * @param itPerSecond steps per second
     * @param etaSeconds  seconds left for this image, or a negative value if unknown
     * @param image       the image of the batch, 1-based
     * @param images      images in the batch
     */
    public void showProgress(int step, int total, double itPerSecond, double etaSeconds, int image, int images) {
        progress.setIndeterminate(false);
        progress.setMaximum(Math.max(1, total));
        progress.setValue(step);
        progress.setString(progressText(step, total, itPerSecond, etaSeconds, image, images));
    }

    /** Shows a plain status ("Ready", "Cancelled", "Loading model…"). */
    public void showStatus(String status, boolean busy) {
        progress.setIndeterminate(busy);
        if (!busy) {
            progress.setValue(0);
        }
        progress.setString(status);
    }

    static String progressText(int step, int total, double itPerSecond, double etaSeconds, int image, int images) {
        StringBuilder sb = new StringBuilder();
        if (images > 1) {
            sb.append("Image ").append(image).append('/').append(images).append(" · ");
        }
        sb.append("Step ").append(step).append('/').append(total);
        if (itPerSecond > 0) {
            sb.append(" · ").append(itPerSecond >= 1
                    ? String.format(Locale.ROOT, "%.1f it/s", itPerSecond)
                    : String.format(Locale.ROOT, "%.1f s/it", 1 / itPerSecond));
        }
        if (etaSeconds >= 0) {
            sb.append(" · ETA ").append(duration(etaSeconds));
        }
        return sb.toString();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }
}
