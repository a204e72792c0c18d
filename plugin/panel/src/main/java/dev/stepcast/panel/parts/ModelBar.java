package dev.stepcast.panel.parts;

import dev.stepcast.icons.StepcastIcon;
import dev.stepcast.icons.StepcastIcons;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import net.miginfocom.swing.MigLayout;

/**
 * The model bar: the model picker (grouped: "This computer" with the demo model and recent model folders, then each
 * server's checkpoints or one line saying why it lists none), "Open…" to pick another folder
 * (validated in the background by loading it; problems go to the message box), the Settings button, and a line saying
 * what runs the model ("CPU — CUDA not available: …") or that it is loading.
 *
 * <p>UI defaults read: {@code Label.disabledForeground} (the status line).
 *
 * <p><b>Threads:</b> EDT only.
 */
public final class ModelBar extends JPanel {

    private static final long serialVersionUID = 1L;

    private static final String PICKER_TIP = "The Stable Diffusion model (a diffusers ONNX folder) to generate with";
    private final JComboBox<ModelChoice> picker = new JComboBox<>();
    private final JButton open = new JButton("Open…");
    private final JButton settings = new JButton();
    private final JLabel status = new JLabel(" ");
    private boolean updating;
    private transient ModelChoice lastModel;
    private transient Consumer<ModelChoice> onChoice = c -> { };

    public ModelBar() {
        super(new MigLayout("insets 0, gap 6 2", "[][grow, fill][][]", "[][]"));
        setOpaque(false);
        JLabel label = new JLabel("Model");
        label.setDisplayedMnemonic('M');
        label.setLabelFor(picker);
        picker.setName("modelPicker");
        picker.setToolTipText(PICKER_TIP);
        picker.getAccessibleContext().setAccessibleName("Model");
        open.setName("openModelFolder");
        open.setMnemonic('O');
        open.setToolTipText("Open a model folder (diffusers ONNX layout: model_index.json, unet/, vae_decoder/, …)");
        open.setIcon(StepcastIcons.get(StepcastIcon.MODEL_FOLDER));
        settings.setIcon(StepcastIcons.get(StepcastIcon.SETTINGS));
        settings.setName("settings");
        settings.putClientProperty("JButton.buttonType", "toolBarButton");
        settings.getAccessibleContext().setAccessibleName("Settings");
        settings.setToolTipText("Settings: previews, execution provider, model folders, history size");
        status.setName("modelStatus");
        status.setForeground(UiColors.secondaryText());
        add(label);
        add(picker, "wmin 80");
        add(open);
        add(settings, "wrap");
        add(status, "skip 1, span 3, wmin 0");
        picker.addItemListener(e -> pickerTip());
        picker.setRenderer(new GroupedRenderer());
        picker.setMaximumRowCount(16);
        picker.addActionListener(e -> {
            if (updating || !(picker.getSelectedItem() instanceof ModelChoice c)) {
                return;
            }
            if (!c.isModel()) {
                // A header or a server's note is not a model: keep showing the model in use.
                updating = true;
                picker.setSelectedItem(lastModel);
                updating = false;
                if (c.kind() == ModelChoice.Kind.SERVER_NOTE) {
                    onChoice.accept(c); // e.g. enter the password, or try a server that was down again
                }
                return;
            }
            lastModel = c;
            onChoice.accept(c);
        });
    }

    /** Called when the user picks another model. */
    public void setOnChoice(Consumer<ModelChoice> listener) {
        onChoice = listener;
    }

    public JButton openButton() {
        return open;
    }

    public JButton settingsButton() {
        return settings;
    }

    public JComboBox<ModelChoice> picker() {
        return picker;
    }

    /** Fills the picker and selects {@code selected} without telling the listener. */
    public void setChoices(List<ModelChoice> choices, ModelChoice selected) {
        updating = true;
        picker.removeAllItems();
        choices.forEach(picker::addItem);
        picker.setSelectedItem(selected);
        pickerTip();
        lastModel = selected;
        updating = false;
    }

    /** The picker's tooltip names the whole model (a narrow dock cuts the label, e.g. "Demo mo…"). */
    private void pickerTip() {
        Object selected = picker.getSelectedItem();
        picker.setToolTipText(selected == null ? PICKER_TIP : "<html><b>" + MessageBox.escape(selected.toString())
                + "</b><br>" + PICKER_TIP + "</html>");
    }

    /** Shows group titles in bold and not indented, models indented, notes in the secondary colour. */
    private static final class GroupedRenderer extends javax.swing.DefaultListCellRenderer {
        private static final long serialVersionUID = 1L;

        @Override
        public java.awt.Component getListCellRendererComponent(javax.swing.JList<?> list, Object value, int index,
                                                               boolean selected, boolean focused) {
            if (!(value instanceof ModelChoice c) || index < 0) {
                return super.getListCellRendererComponent(list, value, index, selected, focused);
            }
            boolean header = c.kind() == ModelChoice.Kind.HEADER;
            super.getListCellRendererComponent(list, c.label(), index, selected && !header, focused && !header);
            setBorder(javax.swing.BorderFactory.createEmptyBorder(header && index > 0 ? 6 : 1, header ? 4 : 18, 1, 4));
            setFont(list.getFont().deriveFont(header ? java.awt.Font.BOLD : java.awt.Font.PLAIN));
            if (header || c.kind() == ModelChoice.Kind.SERVER_NOTE) {
                setForeground(UiColors.secondaryText());
            }
            return this;
        }
    }

    /** The status line, e.g. "CPU — CUDA not available: …" or "Loading…". */
    public void setStatus(String text, String tooltip) {
        status.setText(text == null || text.isEmpty() ? " " : text);
        // The whole line in the tooltip too: a narrow dock cuts the line ("CPU — CUDA not availa…").
        status.setToolTipText(tooltip != null ? tooltip : text == null || text.isBlank() ? null : text);
        status.getAccessibleContext().setAccessibleName("Model status: " + text);
    }

    public String statusText() {
        return status.getText();
    }

    /** Disables switching while a model loads or a generation runs. */
    public void setSwitchingAllowed(boolean allowed) {
        picker.setEnabled(allowed);
        open.setEnabled(allowed);
    }

    @Override
    public void updateUI() {
        super.updateUI();
        if (status != null) {
            status.setForeground(UiColors.secondaryText());
        }
    }
}
