package dev.stepcast.panel.parts;

import java.awt.KeyboardFocusManager;
import java.util.function.Function;
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
 * the prompt spills into a second 75-token chunk, as A1111 shows it; "90/75 truncated" when only the first 75 tokens
 * are used: long prompts set to truncate, or a UNet that takes one sequence). Counting uses the loaded model's tokenizer,
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
    private static final String COUNT_TIP = "CLIP tokens used / the tokens of the chunks they fill (75 per chunk)";

    private final JTextArea prompt = new JTextArea(4, 20);
    private final JTextArea negative = new JTextArea(2, 20);
    private final JLabel promptCount = new JLabel();
    private final JLabel negativeCount = new JLabel();
    private final Timer debounce = new Timer(120, e -> recount());
    private transient Function<String, TokenCount> tokenCounter;

    /**
     * What a counter shows for one prompt.
     *
     * @param tokens    the prompt's tokens: A1111's {@code token_count} when chunked (75 for every full chunk plus the
     *                  last chunk's), all tokens when truncated
     * @param limit     the tokens of the chunks they fill (75, 150, …); 75 when truncated
     * @param cutReason why tokens after the 75th are dropped, or {@code null} when nothing is dropped
     */
    public record TokenCount(int tokens, int limit, String cutReason) {

        /** A1111's count of a chunked prompt: "80/150". */
        public static TokenCount chunked(int tokens) {
            return new TokenCount(tokens, Math.max(1, (tokens + CHUNK - 1) / CHUNK) * CHUNK, null);
        }

        /** A prompt of which only the first 75 tokens are used; {@code why} says why (shown when it is longer). */
        public static TokenCount truncated(int tokens, String why) {
            return new TokenCount(tokens, CHUNK, tokens > CHUNK ? why : null);
        }

        /** Whether tokens are dropped. */
        public boolean cut() {
            return cutReason != null;
        }

        /** The counter's text: "23/75", "80/150", "90/75 truncated". */
        public String text() {
            return tokens + "/" + limit + (cut() ? " truncated" : "");
        }
    }

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
        count.setToolTipText(COUNT_TIP);
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

    /** Sets the counter ({@code null} while no model is loaded) and recounts at once. */
    public void setTokenCounts(Function<String, TokenCount> counter) {
        tokenCounter = counter;
        recount();
    }

    /** The counter's text of the prompt (tests, screen readers read the label). */
    public String promptCountText() {
        return promptCount.getText();
    }

    /** The counter's text of the negative prompt. */
    public String negativeCountText() {
        return negativeCount.getText();
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
            label.setToolTipText(COUNT_TIP);
            return;
        }
        TokenCount count = tokenCounter.apply(text);
        label.setText(count.text());
        label.getAccessibleContext().setAccessibleName(count.cut()
                ? count.tokens() + " tokens; only the first " + CHUNK + " are used" : count.tokens() + " of "
                + count.limit() + " tokens");
        label.setToolTipText(count.cut() ? count.cutReason() : COUNT_TIP);
        label.setForeground(count.tokens() > CHUNK ? UiColors.warning() : UiColors.secondaryText());
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
