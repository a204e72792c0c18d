package dev.stepcast.panel.parts;

import java.awt.Rectangle;
import java.util.Optional;
import java.util.function.Supplier;
import javax.swing.ButtonGroup;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JRadioButton;
import javax.swing.JSpinner;
import javax.swing.SpinnerNumberModel;
import javax.swing.Timer;
import net.miginfocom.swing.MigLayout;

/**
 * Where the image starts from: "Text to image", or "Image to image" from the active document (the selection if there
 * is one, else the whole image) with a denoising strength. A line under the choice says which region will be used and
 * where the result will go; while Image to image is chosen and the panel is showing it follows the host's selection
 * (polled twice a second on the EDT: {@code selection()} is cheap; the image itself is only read at Generate).
 *
 * <p>UI defaults read: {@code Label.disabledForeground} (the region line).
 *
 * <p><b>Threads:</b> EDT only.
 */
public final class SourcePart extends JPanel {

    private static final long serialVersionUID = 1L;
    private static final String IMAGE_TO_IMAGE_TIP = "Start from the active document: the selection if there is one,"
            + " else the whole image; the result goes back to the same place";

    private final JRadioButton textToImage = new JRadioButton("Text to image", true);
    private final JRadioButton imageToImage = new JRadioButton("Image to image");
    private final JSpinner strength = new JSpinner(new SpinnerNumberModel(0.75, 0.05, 1.0, 0.05));
    private final JLabel strengthLabel = new JLabel("Denoising strength");
    private final JLabel region = new JLabel(" ");
    private final JLabel stepsNote = new JLabel(" ");
    private final Timer poll = new Timer(500, e -> updateRegion());
    private transient Supplier<Optional<Rectangle>> selection = Optional::empty;
    private transient Runnable onChange = () -> { };

    public SourcePart() {
        super(new MigLayout("insets 0, gap 6 2, hidemode 3", "[][][grow]", "[][][]"));
        setOpaque(false);
        ButtonGroup group = new ButtonGroup();
        group.add(textToImage);
        group.add(imageToImage);
        textToImage.setName("textToImage");
        imageToImage.setName("imageToImage");
        textToImage.setMnemonic('T');
        imageToImage.setMnemonic('I');
        textToImage.setToolTipText("Make a new image from the prompt alone");
        imageToImage.setToolTipText(IMAGE_TO_IMAGE_TIP);
        strength.setName("strength");
        strength.setToolTipText("How much to change the source: 0.3 keeps it close, 1.0 redraws it completely");
        strength.getAccessibleContext().setAccessibleName("Denoising strength");
        strengthLabel.setDisplayedMnemonic('D');
        strengthLabel.setLabelFor(((JSpinner.DefaultEditor) strength.getEditor()).getTextField());
        region.setName("sourceRegion");
        region.setForeground(UiColors.secondaryText());
        add(textToImage);
        add(imageToImage, "wrap");
        add(strengthLabel, "gapleft 22, split 2, span 2");
        add(strength, "wmin 60, wrap");
        add(region, "span, wmin 0, gapleft 22, wrap");
        stepsNote.setName("stepsNote");
        stepsNote.setForeground(UiColors.secondaryText());
        add(stepsNote, "span, wmin 0, gapleft 22");
        strength.addChangeListener(e -> onChange.run());
        textToImage.addActionListener(e -> modeChanged());
        imageToImage.addActionListener(e -> modeChanged());
        modeChanged();
    }

    /** Where the host's selection comes from (the panel passes {@code host::selection}). */
    public void setSelectionSource(Supplier<Optional<Rectangle>> source) {
        selection = source;
        updateRegion();
    }

    /** Called when the mode changes. */
    public void setOnChange(Runnable r) {
        onChange = r;
    }

    /**
     * Whether the loaded model can start from an image (it has a VAE encoder); when not, "Image to image" is disabled
     * and its tooltip says why.
     */
    public void setImageToImageSupported(boolean supported, String whyNot) {
        imageToImage.setEnabled(supported);
        imageToImage.setToolTipText(supported ? IMAGE_TO_IMAGE_TIP : whyNot);
        if (!supported && imageToImage.isSelected()) {
            setImageToImage(false);
        }
    }

    /** One line for the folded section: "Text to image" or "Image to image · 45 of 60 steps at strength 0.75". */
    public String summary() {
        if (!isImageToImage()) {
            return "Text to image";
        }
        return stepsNote.getText().isBlank() ? "Image to image, strength " + strength.getValue()
                : "Image to image · " + stepsNote.getText();
    }

    /** Says how many of the form's steps Image to image runs at this strength: "45 of 60 steps at strength 0.75". */
    public void setStepsNote(String text) {
        stepsNote.setText(text);
        stepsNote.setToolTipText(text);
    }

    /** The steps note. */
    public String stepsNote() {
        return stepsNote.getText();
    }

    public boolean isImageToImage() {
        return imageToImage.isSelected();
    }

    public void setImageToImage(boolean on) {
        (on ? imageToImage : textToImage).setSelected(true);
        modeChanged();
    }

    public float strength() {
        return ((Number) strength.getValue()).floatValue();
    }

    public void setStrength(double value) {
        strength.setValue(Math.max(0.05, Math.min(1.0, value)));
    }

    private void modeChanged() {
        boolean i2i = imageToImage.isSelected();
        strength.setEnabled(i2i);
        strengthLabel.setEnabled(i2i);
        region.setVisible(i2i);
        stepsNote.setVisible(i2i);
        updatePolling();
        updateRegion();
        onChange.run();
    }

    private void updatePolling() {
        if (imageToImage.isSelected() && isShowing()) {
            poll.start();
        } else {
            poll.stop();
        }
    }

    private void updateRegion() {
        Optional<Rectangle> r = selection.get();
        region.setText(r.map(s -> "From the selection " + s.width + " × " + s.height + " at " + s.x + ", " + s.y
                + "; the result goes there").orElse("From the whole image; the result covers it"));
    }

    @Override
    public void addNotify() {
        super.addNotify();
        updatePolling();
    }

    @Override
    public void removeNotify() {
        poll.stop();
        super.removeNotify();
    }

    @Override
    public void updateUI() {
        super.updateUI();
        if (region != null) {
            region.setForeground(UiColors.secondaryText());
            stepsNote.setForeground(UiColors.secondaryText());
        }
    }
}
