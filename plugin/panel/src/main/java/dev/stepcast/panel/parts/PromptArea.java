package dev.stepcast.panel.parts;

import java.awt.KeyboardFocusManager;
import java.util.function.ToIntFunction;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.Timer;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import net.miginfocom.swing.MigLayout;

/**
 * The prompt and the negative prompt: two multi-line fields with a live token counter each ("23/75", or "80/150" once
 * the prompt spills into a second 75-token chunk, as A1111 shows it). Counting uses the loaded model's tokenizer,
 * debounced (120 ms after the last key), on the EDT: BPE on a prompt takes well under a millisecond.
 * Tab and Shift+Tab move the focus (not a tab character), so the form stays keyboard-friendly.
 *
 * <p>UI defaults read: {@code Label.disabledForeground} (counter), {@code Component.warning.focusedBorderColor}
 * or {@code Actions.Yellow} (counter above 75 tokens).
 *
 * <p><b>Threads:</b> EDT only.
 */
public final class PromptArea extends JPanel {

    private static final long serialVersionUID = 1L;
    /** Tokens per CLIP chunk, without BOS/EOS. */
    static final int CHUNK = 75;

    private final JTextArea prompt = new JTextArea(4, 20);
    private final JTextArea negative = new JTextArea(2, 20);
    private final JLabel promptCount = new JLabel();
    private final JLabel negativeCount = new JLabel();
    private final Timer debounce = new Timer(120, e -> recount());
    private transient ToIntFunction<String> tokenCounter;

    public PromptArea() {
        super(new MigLayout("insets 0, gap 2, wrap 2", "[grow, fill][right]", "[][grow 70, fill][][grow 30, fill]"));
        setOpaque(false);
        debounce.setRepeats(false);
        addField(prompt, promptCount, "prompt", "Prompt", 'P',
                "What to draw, e.g. \"a lighthouse on a cliff at dusk, oil painting\". Ctrl+Enter generates.");
        addField(negative, negativeCount, "negativePrompt", "Negative prompt", 'N',
                "What to steer away from, e.g. \"blurry, low quality\". Leave empty for none.");
        recount();
    }

    private void addField(JTextArea area, JLabel count, String name, String title, char mnemonic, String tip) {
        JLabel label = new JLabel(title);
        label.setDisplayedMnemonic(mnemonic);
        label.setLabelFor(area);
        area.setName(name);
        area.setLineWrap(true);
        area.setWrapStyleWord(true);
        area.setToolTipText(tip);
        area.getAccessibleContext().setAccessibleName(title);
        area.getAccessibleContext().setAccessibleDescription(tip);
        area.setFocusTraversalKeys(KeyboardFocusManager.FORWARD_TRAVERSAL_KEYS, null);
        area.setFocusTraversalKeys(KeyboardFocusManager.BACKWARD_TRAVERSAL_KEYS, null);
        area.getDocument().addDocumentListener(new DocumentListener() {
            @Override public void insertUpdate(DocumentEvent e) { debounce.restart(); }
            @Override public void removeUpdate(DocumentEvent e) { debounce.restart(); }
            @Override public void changedUpdate(DocumentEvent e) { debounce.restart(); }
        });
        count.setName(name + "Tokens");
        count.setToolTipText("CLIP tokens used / the tokens of the chunks they fill (75 per chunk)");
        add(label, "gaptop 4");
        add(count, "gaptop 4");
        JScrollPane scroll = new JScrollPane(area);
        add(scroll, "span 2, hmin 40, wmin 60");
    }

    /** The prompt field (for focus and key bindings). */
    public JTextArea promptField() {
        return prompt;
    }

    /** The negative prompt field. */
    public JTextArea negativeField() {
        return negative;
    }

    public String prompt() {
        return prompt.getText().strip();
    }

    public String negativePrompt() {
        return negative.getText().strip();
    }

    public void setPrompts(String newPrompt, String newNegative) {
        prompt.setText(newPrompt == null ? "" : newPrompt);
        negative.setText(newNegative == null ? "" : newNegative);
        recount();
    }

    /** Sets the tokenizer's counter ({@code null} while no model is loaded) and recounts at once. */
    public void setTokenCounter(ToIntFunction<String> counter) {
        tokenCounter = counter;
        recount();
    }

    /** Recounts both fields now. */
    public void recount() {
        debounce.stop();
        show(promptCount, prompt.getText());
        show(negativeCount, negative.getText());
    }

    private void show(JLabel label, String text) {
        if (tokenCounter == null) {
            label.setText("–/" + CHUNK);
            label.getAccessibleContext().setAccessibleName("Token count unknown: no model loaded");
            label.setForeground(UiColors.secondaryText());
            return;
        }
        int n = tokenCounter.applyAsInt(text);
        int limit = Math.max(1, (n + CHUNK - 1) / CHUNK) * CHUNK;
        label.setText(n + "/" + limit);
        label.getAccessibleContext().setAccessibleName(n + " of " + limit + " tokens");
        label.setForeground(n > CHUNK ? UiColors.warning() : UiColors.secondaryText());
    }

    @Override
    public void updateUI() {
        super.updateUI();
        if (promptCount != null) {
            recount();
        }
    }

    /** Installs a key binding on both text fields (they would otherwise swallow it). */
    public void bindInFields(javax.swing.KeyStroke key, String actionKey, javax.swing.Action action) {
        for (JComponent c : new JComponent[] {prompt, negative}) {
            c.getInputMap(JComponent.WHEN_FOCUSED).put(key, actionKey);
            c.getActionMap().put(actionKey, action);
        }
    }
}
