package dev.stepcast.panel.parts;

import dev.stepcast.engine.InpaintOptions;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.function.Supplier;
import javax.swing.ButtonGroup;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JRadioButton;
import javax.swing.JSpinner;
import javax.swing.SpinnerNumberModel;
import javax.swing.Timer;
import net.miginfocom.swing.MigLayout;

/**
 * Where the image starts from: "Text to image", "Image to image" from the active document (the selection if there
 * is one, else the whole image) with a denoising strength, or "Inpaint selection": only the selected (masked) part of
 * the document is repainted, with mask blur, "only masked" with padding, and what the masked area starts from. A
 * selection that is not a rectangle (an ellipse, a lasso, a feathered one) chooses Inpaint selection by itself. A line under the choice says which region will be used and
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
    private final JRadioButton inpaint = new JRadioButton("Inpaint selection");
    private final JSpinner maskBlur = new JSpinner(new SpinnerNumberModel(4, 0, 64, 1));
    private final JLabel maskBlurLabel = new JLabel("Mask blur");
    private final JCheckBox onlyMasked = new JCheckBox("Only masked, padding");
    private final JSpinner padding = new JSpinner(new SpinnerNumberModel(32, 0, 256, 4));
    private final JComboBox<String> maskedContent = new JComboBox<>(new String[] {"original", "latent noise",
        "fill"});
    private final JLabel maskedContentLabel = new JLabel("Masked area starts from");
    private transient Supplier<Optional<BufferedImage>> maskSource = Optional::empty;
    private transient Rectangle lastBounds;
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
        group.add(inpaint);
        inpaint.setName("inpaint");
        inpaint.setToolTipText("Repaint only the selected part of the document (chosen by itself for an ellipse,"
                + " lasso or feathered selection); the rest stays as it is");
        maskBlur.setName("maskBlur");
        maskBlur.setToolTipText("Softness of the mask's edge in pixels");
        maskBlurLabel.setDisplayedMnemonic('u');
        maskedContentLabel.setDisplayedMnemonic('f');
        maskBlurLabel.setLabelFor(((JSpinner.DefaultEditor) maskBlur.getEditor()).getTextField());
        onlyMasked.setName("onlyMasked");
        onlyMasked.setToolTipText("Work on the selection plus padding at the model's size and paste it back:"
                + " small repairs stay sharp");
        padding.setName("maskPadding");
        padding.setToolTipText("Pixels of context around the selection for \u201conly masked\u201d");
        padding.getAccessibleContext().setAccessibleName("Padding");
        maskedContent.setName("maskedContent");
        maskedContent.setToolTipText("What the selected area starts from: the original pixels, fresh noise, or the"
                + " colours around it");
        maskedContentLabel.setLabelFor(maskedContent);
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
        // Two modes on the first row, Inpaint on the next: the three side by side need ~330 px (a 280-px dock).
        add(textToImage, "split 2, span");
        add(imageToImage, "wrap");
        add(inpaint, "span, wrap");
        add(strengthLabel, "gapleft 22, split 2, span 2");
        add(strength, "wmin 72, wrap"); // "0.75" with the arrows, in FlatLaf and the JDK looks
        add(maskBlurLabel, "gapleft 22, split 4, span");
        add(maskBlur, "wmin 50");
        add(onlyMasked, "gapleft 8");
        add(padding, "wmin 55, wrap");
        add(maskedContentLabel, "gapleft 22, split 2, span");
        add(maskedContent, "wrap");
        add(region, "span, wmin 0, gapleft 22, wrap");
        stepsNote.setName("stepsNote");
        stepsNote.setForeground(UiColors.secondaryText());
        add(stepsNote, "span, wmin 0, gapleft 22");
        strength.addChangeListener(e -> onChange.run());
        textToImage.addActionListener(e -> modeChanged());
        imageToImage.addActionListener(e -> modeChanged());
        inpaint.addActionListener(e -> modeChanged());
        onlyMasked.addActionListener(e -> padding.setEnabled(inpaint.isSelected() && onlyMasked.isSelected()));
        modeChanged();
    }

    /** Where the host's selection comes from (the panel passes {@code host::selection}). */
    public void setSelectionSource(Supplier<Optional<Rectangle>> source) {
        selection = source;
        updateRegion();
    }

    /**
     * Where the host's selection mask comes from (the panel passes {@code host::selectionMask}); read only when the
     * selection's bounds change, to see whether it is a rectangle.
     */
    public void setMaskSource(Supplier<Optional<BufferedImage>> source) {
        maskSource = source;
        updateRegion();
    }

    /** Whether "Inpaint selection" is chosen. */
    public boolean isInpaint() {
        return inpaint.isSelected();
    }

    /** Chooses "Inpaint selection" (or Text to image when {@code on} is false). */
    public void setInpaint(boolean on) {
        (on ? inpaint : textToImage).setSelected(true);
        modeChanged();
    }

    /** The inpainting options of the form for {@code mask}. */
    public InpaintOptions inpaintOptions(BufferedImage mask) {
        InpaintOptions.MaskedContent content = switch (maskedContent.getSelectedIndex()) {
            case 1 -> InpaintOptions.MaskedContent.NOISE;
            case 2 -> InpaintOptions.MaskedContent.FILL;
            default -> InpaintOptions.MaskedContent.ORIGINAL;
        };
        return new InpaintOptions(mask, ((Number) maskBlur.getValue()).intValue(), onlyMasked.isSelected()
                ? InpaintOptions.Area.MASKED : InpaintOptions.Area.WHOLE, ((Number) padding.getValue()).intValue(),
                content);
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
        inpaint.setEnabled(supported);
        if (!supported && (imageToImage.isSelected() || inpaint.isSelected())) {
            setImageToImage(false);
        }
    }

    /** One line for the folded section: "Text to image" or "Image to image · 45 of 60 steps at strength 0.75". */
    public String summary() {
        if (isInpaint()) {
            return "Inpaint selection, strength " + strength.getValue() + ", blur " + maskBlur.getValue()
                    + (onlyMasked.isSelected() ? ", only masked" : "");
        }
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
        boolean in = inpaint.isSelected();
        boolean i2i = imageToImage.isSelected() || in;
        strength.setEnabled(i2i);
        strengthLabel.setEnabled(i2i);
        region.setVisible(i2i);
        stepsNote.setVisible(i2i);
        for (java.awt.Component c : new java.awt.Component[] {maskBlurLabel, maskBlur, onlyMasked, padding,
            maskedContentLabel, maskedContent}) {
            c.setVisible(in);
        }
        padding.setEnabled(in && onlyMasked.isSelected());
        updatePolling();
        updateRegion();
        onChange.run();
    }

    private void updatePolling() {
        if (isShowing()) {
            poll.start();
        } else {
            poll.stop();
        }
    }

    private void updateRegion() {
        Optional<Rectangle> r = selection.get();
        if (!r.equals(Optional.ofNullable(lastBounds))) {
            lastBounds = r.orElse(null);
            if (r.isPresent() && !inpaint.isSelected() && inpaint.isEnabled()
                    && maskSource.get().map(m -> !isRectangle(m, r.get())).orElse(false)) {
                setInpaint(true);
                return;
            }
        }
        if (inpaint.isSelected()) {
            region.setText(r.map(s -> "Repaints the selection within " + s.width + " × " + s.height + " at " + s.x
                    + ", " + s.y + "; the rest of the image stays").orElse("Select the part to repaint first"));
            return;
        }
        region.setText(r.map(s -> "From the selection " + s.width + " × " + s.height + " at " + s.x + ", " + s.y
                + "; the result goes there").orElse("From the whole image; the result covers it"));
    }

    /** Whether {@code mask} is 255 everywhere in {@code bounds} (and so, as its bounds, a plain rectangle). */
    private static boolean isRectangle(BufferedImage mask, Rectangle bounds) {
        Rectangle r = bounds.intersection(new Rectangle(mask.getWidth(), mask.getHeight()));
        int[] row = new int[r.width];
        for (int y = r.y; y < r.y + r.height; y++) {
            mask.getRaster().getSamples(r.x, y, r.width, 1, 0, row);
            for (int v : row) {
                if (v != 255) {
                    return false;
                }
            }
        }
        return true;
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
