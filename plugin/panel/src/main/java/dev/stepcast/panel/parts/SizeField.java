package dev.stepcast.panel.parts;

import dev.stepcast.engine.ModelFamily;
import dev.stepcast.engine.SizeLimits;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import net.miginfocom.swing.MigLayout;

/**
 * Image size: a preset list ("512 × 512", "512 × 768 portrait", …, "Custom") and width/height fields validated as
 * multiples of 8 between {@link #MIN} and {@link #MAX} pixels. A bad value shows a message right under the fields
 * (red, read by screen readers as the fields' description) and {@link #validationMessage()} is non-empty, which the
 * panel uses to disable Generate. The presets follow the loaded model's family ({@link #followFamily}): SD 1.x/2.x
 * sizes around 512², or SDXL's trained aspect buckets around 1024² (1024 × 1024, 1152 × 896, 896 × 1152,
 * 1216 × 832, 832 × 1216, 1344 × 768, 768 × 1344, 1536 × 640, 640 × 1536).
 *
 * <p>UI defaults read: see {@link UiColors#error()}.
 *
 * <p><b>Threads:</b> EDT only.
 */
public final class SizeField extends JPanel {

    private static final long serialVersionUID = 1L;
    public static final int MIN = 64;
    public static final int MAX = 2048;

    /** A size preset; {@code width == 0} is "Custom". */
    record Preset(int width, int height, String label) {
        @Override
        public String toString() {
            return width == 0 ? label : width + " × " + height + (label.isEmpty() ? "" : "  " + label);
        }
    }

    private static final Preset CUSTOM = new Preset(0, 0, "Custom");
    private static final List<Preset> SD_PRESETS = List.of(new Preset(512, 512, "square"),
            new Preset(512, 768, "portrait"), new Preset(768, 512, "landscape"), new Preset(768, 768, ""),
            new Preset(640, 448, ""), new Preset(256, 256, "fast"), CUSTOM);
    /** SDXL's aspect buckets around 1024² (the sizes it was trained at). */
    private static final List<Preset> SDXL_PRESETS = List.of(new Preset(1024, 1024, "square"),
            new Preset(1152, 896, "landscape"), new Preset(896, 1152, "portrait"), new Preset(1216, 832, "3:2"),
            new Preset(832, 1216, "2:3"), new Preset(1344, 768, "16:9"), new Preset(768, 1344, "9:16"),
            new Preset(1536, 640, "21:9"), new Preset(640, 1536, "9:21"), CUSTOM);
    private static final String SD_TIP = "Common sizes for Stable Diffusion 1.x/2.x; pick Custom to type your own";
    private static final String SDXL_TIP = "SDXL's trained sizes around 1024 × 1024; pick Custom to type your own";

    private List<Preset> family = SD_PRESETS;
    private final JComboBox<Preset> presets = new JComboBox<>(SD_PRESETS.toArray(new Preset[0]));
    private final JTextField width = new JTextField("512", 4);
    private final JTextField height = new JTextField("512", 4);
    private final JLabel message = new JLabel();
    private final JLabel outputNote = new JLabel();
    private final JLabel sizeLabel = new JLabel("Size");
    private boolean updating;
    /** The multiple every side must be for the loaded model's UNet (8 until a model says otherwise). */
    private int pixelMultiple = 8;
    /** Whether this computer's memory bounds the size (a local model), or a server's does (its own check). */
    private boolean thisMachine = true;
    private transient Runnable onChange = () -> { };

    public SizeField() {
        super(new MigLayout("insets 0, gap 4 2, hidemode 3", "[grow, fill]", "[][][]"));
        setOpaque(false);
        presets.setName("sizePreset");
        presets.setToolTipText(SD_TIP);
        presets.getAccessibleContext().setAccessibleName("Size preset");
        sizeLabel.setLabelFor(presets);
        sizeLabel.setDisplayedMnemonic('z');
        setup(width, "width", "Width", 'W');
        setup(height, "height", "Height", 'H');
        message.setName("sizeMessage");
        message.setForeground(UiColors.error());
        message.setVisible(false);
        // The preset on one row, W × H on the next: both fit whole in a 280-px dock.
        add(presets, "wmin 60, wrap");
        add(label("W", width, 'W'), "split 5, growx 0");
        add(width, "wmin 48, growx");
        add(new JLabel("×"), "growx 0");
        add(label("H", height, 'H'), "growx 0");
        add(height, "wmin 48, growx, wrap");
        add(message, "span, wmin 0, wrap");
        outputNote.setName("outputSize");
        outputNote.setForeground(UiColors.secondaryText());
        outputNote.setVisible(false);
        add(outputNote, "span, wmin 0");
        presets.addActionListener(e -> presetChosen());
        setSize(512, 512);
    }

    /** The label that names this field in a form ("Size", mnemonic Z). */
    public JLabel label() {
        return sizeLabel;
    }

    private void setup(JTextField field, String name, String title, char mnemonic) {
        field.setName(name);
        field.setHorizontalAlignment(JTextField.RIGHT);
        field.setToolTipText(title + " in pixels: a multiple of 8 from " + MIN + " to " + MAX
                + ". Larger images take longer.");
        field.getAccessibleContext().setAccessibleName(title + " in pixels");
        field.getDocument().addDocumentListener(new DocumentListener() {
            @Override public void insertUpdate(DocumentEvent e) { typed(); }
            @Override public void removeUpdate(DocumentEvent e) { typed(); }
            @Override public void changedUpdate(DocumentEvent e) { typed(); }
        });
    }

    private static JLabel label(String text, JTextField field, char mnemonic) {
        JLabel l = new JLabel(text);
        l.setLabelFor(field);
        l.setDisplayedMnemonic(mnemonic);
        return l;
    }

    /** Called after every change of either value (valid or not). */
    public void setOnChange(Runnable r) {
        onChange = r;
    }

    public void setSize(int w, int h) {
        updating = true;
        width.setText(Integer.toString(w));
        height.setText(Integer.toString(h));
        updating = false;
        typed();
    }

    /**
     * Shows the presets of {@code modelFamily} (SDXL's buckets for SDXL, the SD sizes otherwise). A size that was one
     * of the previous family's presets moves to the new family's default (1024 × 1024 for SDXL, 512 × 512 else); a
     * size the user typed stays.
     */
    public void followFamily(ModelFamily modelFamily) {
        List<Preset> next = modelFamily == ModelFamily.SDXL ? SDXL_PRESETS : SD_PRESETS;
        if (next == family) {
            return;
        }
        boolean wasPreset = presets.getSelectedItem() != CUSTOM;
        family = next;
        updating = true;
        presets.removeAllItems();
        next.forEach(presets::addItem);
        presets.setToolTipText(next == SDXL_PRESETS ? SDXL_TIP : SD_TIP);
        updating = false;
        if (wasPreset) {
            int side = modelFamily.defaultImageSize();
            setSize(side, side);
        } else {
            typed();
        }
    }

    /** The presets shown now, as their labels (for tests and the folded summary). */
    public List<String> presetLabels() {
        return family.stream().map(Preset::toString).toList();
    }

    /** The width, if it is a number (valid or not). */
    public OptionalInt widthValue() {
        return parse(width.getText());
    }

    /** The height, if it is a number (valid or not). */
    public OptionalInt heightValue() {
        return parse(height.getText());
    }

    /** What is wrong with the size, or empty if it is usable. */
    public Optional<String> validationMessage() {
        Optional<String> w = problem("Width", width.getText());
        Optional<String> p = w.isPresent() ? w : problem("Height", height.getText());
        if (p.isPresent()) {
            return p;
        }
        int wide = parse(width.getText()).orElse(MIN);
        int high = parse(height.getText()).orElse(MIN);
        Optional<String> multiple = SizeLimits.multipleProblem(wide, high, pixelMultiple);
        return multiple.isPresent() || !thisMachine ? multiple : SizeLimits.forThisMachine().problem(wide, high);
    }

    /**
     * The multiple every side must be for the loaded model's UNet (64 for SD's, whose three down-sampling stages
     * refuse other sizes; 8 for one that does not down-sample); re-validates the fields. A remote checkpoint: 8.
     */
    public void setPixelMultiple(int multiple) {
        if (multiple != pixelMultiple) {
            pixelMultiple = multiple;
            typed();
        }
    }

    /**
     * {@code true} for a local model: sizes this computer's memory cannot hold are refused; {@code false} for a
     * server's checkpoint, which runs in the server's memory and whose server checks sizes itself.
     */
    public void setCheckThisMachine(boolean check) {
        if (check != thisMachine) {
            thisMachine = check;
            typed();
        }
    }

    /**
     * Shows the size the painter actually gets when it differs from the fields ("Output 768 × 664, fitted to the
     * selection 411 × 354"), or hides the line for {@code null}. The whole text is also the tooltip.
     */
    public void setOutputNote(String text) {
        outputNote.setText(text == null ? "" : text);
        outputNote.setToolTipText(text);
        if (outputNote.isVisible() != (text != null)) {
            outputNote.setVisible(text != null);
            revalidate();
        }
    }

    /** The output size line ("" when hidden). */
    public String outputNote() {
        return outputNote.isVisible() ? outputNote.getText() : "";
    }

    /** The message label (for tests: it must sit next to the fields). */
    public JLabel messageLabel() {
        return message;
    }

    private void presetChosen() {
        Preset p = (Preset) presets.getSelectedItem();
        if (updating || p == null || p.width() == 0) {
            return;
        }
        setSize(p.width(), p.height());
    }

    private void typed() {
        if (updating) {
            return;
        }
        Optional<String> problem = validationMessage();
        message.setText(problem.orElse(""));
        message.setVisible(problem.isPresent());
        width.putClientProperty("JComponent.outline", problem("Width", width.getText()).isPresent() ? "error" : null);
        height.putClientProperty("JComponent.outline",
                problem("Height", height.getText()).isPresent() ? "error" : null);
        width.getAccessibleContext().setAccessibleDescription(problem.orElse(null));
        height.getAccessibleContext().setAccessibleDescription(problem.orElse(null));
        selectMatchingPreset();
        revalidate();
        onChange.run();
    }

    private void selectMatchingPreset() {
        OptionalInt w = widthValue();
        OptionalInt h = heightValue();
        Preset match = family.stream()
                .filter(p -> w.isPresent() && h.isPresent() && p.width() == w.getAsInt() && p.height() == h.getAsInt())
                .findFirst().orElse(CUSTOM);
        updating = true;
        presets.setSelectedItem(match);
        updating = false;
    }

    static Optional<String> problem(String name, String text) {
        OptionalInt v = parse(text);
        if (v.isEmpty()) {
            return Optional.of(name + " must be a whole number of pixels, e.g. 512");
        }
        int n = v.getAsInt();
        if (n < MIN || n > MAX) {
            return Optional.of(name + " must be between " + MIN + " and " + MAX + " pixels");
        }
        if (n % 8 != 0) {
            int down = n / 8 * 8;
            return Optional.of(name + " must be a multiple of 8 — try " + Math.max(MIN, down) + " or "
                    + Math.min(MAX, down + 8));
        }
        return Optional.empty();
    }

    private static OptionalInt parse(String text) {
        try {
            return OptionalInt.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    @Override
    public void updateUI() {
        super.updateUI();
        if (message != null) {
            message.setForeground(UiColors.error());
        }
    }
}
