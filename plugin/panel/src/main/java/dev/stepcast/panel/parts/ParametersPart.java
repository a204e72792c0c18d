package dev.stepcast.panel.parts;

import dev.stepcast.engine.SchedulerKind;
import dev.stepcast.panel.settings.FormState;
import java.util.Optional;
import java.util.OptionalLong;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSpinner;
import javax.swing.JTextField;
import javax.swing.SpinnerNumberModel;
import dev.stepcast.engine.NoiseSource;
import net.miginfocom.swing.MigLayout;

/**
 * The generation parameters: steps, guidance (CFG), sampler (A1111 names from {@link SchedulerKind#displayName()}),
 * size ({@link SizeField}), seed (random or fixed, "Last" reuses the last seed used) and batch count.
 *
 * <p><b>Threads:</b> EDT only.
 */
public final class ParametersPart extends JPanel {

    private static final long serialVersionUID = 1L;

    private final JSpinner steps = new JSpinner(new SpinnerNumberModel(20, 1, 150, 1));
    private final JSpinner cfg = new JSpinner(new SpinnerNumberModel(7.5, 1.0, 30.0, 0.5));
    private final JComboBox<SchedulerKind> sampler = new JComboBox<>(SchedulerKind.values());
    private final SizeField size = new SizeField();
    private final JTextField seed = new JTextField("0", 10);
    private final JCheckBox randomSeed = new JCheckBox("Random", true);
    private final JButton lastSeed = new JButton("Last");
    private final JSpinner batch = new JSpinner(new SpinnerNumberModel(1, 1, 16, 1));
    private final javax.swing.JComboBox<NoiseSource> noise = new javax.swing.JComboBox<>(NoiseSource.values());
    private long lastSeedUsed = -1;

    public ParametersPart() {
        super(new MigLayout("insets 0, gap 6 4, wrap 4", "[right][grow 50, fill]12[right][grow 50, fill]"));
        setOpaque(false);
        setup(steps, "steps", "Number of denoising steps: more is slower and usually finer (20–30 is typical)");
        setup(cfg, "cfgScale", "Guidance (CFG scale): how strongly the image follows the prompt; 5–9 is typical");
        setup(sampler, "sampler", "The sampler (scheduler) that runs the denoising steps, named as in A1111");
        setup(seed, "seed", "The seed of the starting noise: the same seed and settings give the same image");
        setup(randomSeed, "randomSeed", "Draw a new seed for every image");
        setup(lastSeed, "reuseLastSeed", "Use the seed of the last image again (and stop drawing random seeds)");
        setup(batch, "batchCount", "How many images one Generate makes, one after another (seed, seed+1, …)");
        setup(noise, "noiseSource", "Whose seeds: a1111-nv = A1111/SD.Next on NVIDIA (default), torch-cpu = A1111 "
                + "CPU and ComfyUI, numpy = diffusers ONNX, stepcast = Stepcast's original noise");
        noise.setSelectedItem(NoiseSource.DEFAULT);
        randomSeed.setMnemonic('o');
        lastSeed.setMnemonic('L');
        lastSeed.setEnabled(false);
        seed.setHorizontalAlignment(JTextField.RIGHT);
        seed.putClientProperty("JTextField.placeholderText", "new seed each time");
        lastSeed.setIcon(dev.stepcast.icons.StepcastIcons.get(dev.stepcast.icons.StepcastIcon.REUSE));
        randomSeed.addActionListener(e -> randomChanged());
        lastSeed.addActionListener(e -> reuseLastSeed());
        seed.setEnabled(false);

        add(label("Steps", 'S', steps));
        add(steps, "wmin 50");
        add(label("CFG", 'C', cfg));
        add(cfg, "wmin 50");
        add(label("Sampler", 'r', sampler));
        add(sampler, "span 3, wmin 80");
        add(size.label(), "aligny top, gaptop 4");
        add(size, "span 3, wmin 0");
        add(label("Seed", 'e', seed));
        // The seed gets its own row and Random/Last the next, so ten digits fit in a 280-px dock.
        add(seed, "span 3, wmin 60, growx");
        add(randomSeed, "skip 1, span 3, split 2, growx 0");
        add(lastSeed, "growx 0");
        add(label("Batch", 'B', batch));
        add(batch, "wmin 50");
        JLabel noiseLabel = new JLabel("Noise");
        noise.getAccessibleContext().setAccessibleName("Noise");
        add(noiseLabel, "newline");
        add(noise, "span 3, wmin 80"); // own row: the names are long for a 280-px dock
    }

    private static void setup(JComponent c, String name, String tip) {
        c.setName(name);
        c.setToolTipText(tip);
        c.getAccessibleContext().setAccessibleDescription(tip);
        if (c instanceof JSpinner s) {
            s.getEditor().setToolTipText(tip);
            ((JSpinner.DefaultEditor) s.getEditor()).getTextField().setName(name + "Field");
        }
    }

    private static JLabel label(String text, char mnemonic, JComponent target) {
        JLabel l = new JLabel(text);
        l.setDisplayedMnemonic(mnemonic);
        l.setLabelFor(target instanceof JSpinner s ? ((JSpinner.DefaultEditor) s.getEditor()).getTextField() : target);
        target.getAccessibleContext().setAccessibleName(text);
        return l;
    }

    /** One line for the folded section: "20 steps · CFG 7.5 · Euler a · 512 × 512 · random seed". */
    public String summary() {
        String w = size.widthValue().isPresent() ? Integer.toString(size.widthValue().getAsInt()) : "?";
        String h = size.heightValue().isPresent() ? Integer.toString(size.heightValue().getAsInt()) : "?";
        String seedText = isRandomSeed() ? "random seed" : "seed " + seed.getText().strip();
        return steps() + " steps · CFG " + cfg.getValue() + " · " + sampler().displayName() + " · " + w + " × " + h
                + " · " + seedText + (batchCount() > 1 ? " · ×" + batchCount() : "");
    }

    /** Calls {@code r} when the steps change. */
    public void addStepsListener(Runnable r) {
        steps.addChangeListener(e -> r.run());
    }

    /** The size field (its validation decides whether Generate is enabled). */
    public SizeField sizeField() {
        return size;
    }

    public int steps() {
        return (Integer) steps.getValue();
    }

    public float cfgScale() {
        return ((Number) cfg.getValue()).floatValue();
    }

    public SchedulerKind sampler() {
        return (SchedulerKind) sampler.getSelectedItem();
    }

    public int batchCount() {
        return (Integer) batch.getValue();
    }

    public boolean isRandomSeed() {
        return randomSeed.isSelected();
    }

    /** The fixed seed, if the field holds a number. */
    public OptionalLong fixedSeed() {
        try {
            return OptionalLong.of(Long.parseLong(seed.getText().strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** What is wrong with the parameters (size or seed), or empty. */
    public Optional<String> validationMessage() {
        Optional<String> s = size.validationMessage();
        if (s.isPresent()) {
            return s;
        }
        return !isRandomSeed() && fixedSeed().isEmpty()
                ? Optional.of("Seed must be a whole number, or tick Random") : Optional.empty();
    }

    /** Remembers the seed of the last image made, for "Last"; shows it in the field while Random is on. */
    public void setLastSeedUsed(long seedUsed) {
        lastSeedUsed = seedUsed;
        lastSeed.setEnabled(true);
        lastSeed.setToolTipText("Use seed " + seedUsed + " again (and stop drawing random seeds)");
        if (isRandomSeed()) {
            seed.setText(Long.toString(seedUsed));
        }
    }

    private void randomChanged() {
        seed.setEnabled(!randomSeed.isSelected());
        if (randomSeed.isSelected()) {
            seed.setText(lastSeedUsed >= 0 ? Long.toString(lastSeedUsed) : "");
        } else if (fixedSeed().isEmpty()) {
            seed.setText(Long.toString(Math.max(0, lastSeedUsed)));
        }
    }

    /** Fixes the seed to the last one used. */
    public void reuseLastSeed() {
        if (lastSeedUsed >= 0) {
            setFixedSeed(lastSeedUsed);
        }
    }

    /** Fixes the seed to {@code value} (unticks Random). */
    public void setFixedSeed(long value) {
        randomSeed.setSelected(false);
        seed.setEnabled(true);
        seed.setText(Long.toString(value));
    }

    /** The noise source (whose seeds). */
    public NoiseSource noiseSource() {
        return (NoiseSource) noise.getSelectedItem();
    }

    /** Selects the noise source (restoring a PNG's {@code RNG}). */
    public void setNoiseSource(NoiseSource source) {
        noise.setSelectedItem(source);
    }

    /** Shows the values of {@code f}. */
    public void apply(FormState f) {
        NoiseSource.byId(f.rng()).ifPresent(noise::setSelectedItem);
        steps.setValue(f.steps());
        cfg.setValue(f.cfgScale());
        SchedulerKind.parse(f.sampler()).ifPresent(sampler::setSelectedItem);
        size.setSize(f.width(), f.height());
        randomSeed.setSelected(f.randomSeed());
        seed.setEnabled(!f.randomSeed());
        seed.setText(f.randomSeed() ? "" : Long.toString(f.seed()));
        batch.setValue(f.batchCount());
    }

    /** Selects a sampler by A1111 name (e.g. "DPM++ 2M" with schedule type "Karras"); false if unknown. */
    public boolean selectSampler(String name) {
        Optional<SchedulerKind> kind = SchedulerKind.parse(name);
        kind.ifPresent(sampler::setSelectedItem);
        return kind.isPresent();
    }

    /** Sets steps and CFG (used when restoring from a PNG). */
    public void setStepsAndCfg(int newSteps, double newCfg) {
        steps.setValue(Math.max(1, Math.min(150, newSteps)));
        cfg.setValue(Math.max(1.0, Math.min(30.0, newCfg)));
    }
}
