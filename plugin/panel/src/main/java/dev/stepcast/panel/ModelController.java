package dev.stepcast.panel;

import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.demo.DemoModel;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.text.A1111Chunker;
import dev.stepcast.engine.text.ClipTokenizer;
import dev.stepcast.panel.parts.ModelChoice;
import dev.stepcast.panel.settings.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.swing.JFileChooser;

/**
 * The model as the panel sees it: the picker's choices (the demo model and the settings' model folders), loading the
 * chosen one through the {@link ModelLoader} and showing the load in the model bar, the action bar and the prompt's
 * token counter; on failure it goes back to the model that worked (or the demo model) so the panel stays usable.
 *
 * <p>Settings read: the selected model, the model folders and the execution provider (through the supplier, so it
 * always sees the panel's current settings). A loaded model is reported to {@code onLoaded} (the panel remembers it
 * as the selected model).
 *
 * <p><b>Threads:</b> EDT only; loading runs on the loader's thread.
 */
final class ModelController implements AutoCloseable {

    private final StepcastPanel ui;
    private final Supplier<Settings> settings;
    private final BooleanSupplier generating;
    private final Consumer<ModelChoice> onLoaded;
    private final Runnable onStateChange;
    private final ModelLoader loader;
    private ModelChoice lastGoodChoice;

    ModelController(StepcastPanel ui, Supplier<Settings> settings, BooleanSupplier generating,
                    Consumer<ModelChoice> onLoaded, Runnable onStateChange) {
        this.ui = ui;
        this.settings = settings;
        this.generating = generating;
        this.onLoaded = onLoaded;
        this.onStateChange = onStateChange;
        this.loader = new ModelLoader(new LoadListener());
        ui.modelBar.setOnChoice(this::choose);
        ui.modelBar.openButton().addActionListener(e -> openFolder());
    }

    /** The model loaded now, or {@code null}. */
    StableDiffusionModel current() {
        return loader.current();
    }

    /** Loads the settings' selected model (at start, or after the execution provider changed). */
    void loadSelected() {
        loader.load(selectedChoice(), provider());
    }

    /** Rewrites the picker's list from the settings. */
    void refreshChoices() {
        List<ModelChoice> choices = new ArrayList<>();
        choices.add(ModelChoice.demo(DemoModel.DISPLAY_NAME));
        settings.get().modelFolders().forEach(f -> choices.add(ModelChoice.folder(Path.of(f))));
        ui.modelBar.setChoices(choices, selectedChoice());
    }

    /** Loads {@code choice} unless a generation runs or it is the current one. */
    void choose(ModelChoice choice) {
        if (generating.getAsBoolean() || choice.equals(loader.currentChoice())) {
            return;
        }
        ui.messages.clear();
        loader.load(choice, provider());
        onStateChange.run();
    }

    private void openFolder() {
        JFileChooser chooser = new JFileChooser(settings.get().selectedModel());
        chooser.setFileSelectionMode(JFileChooser.DIRECTORIES_ONLY);
        chooser.setDialogTitle("Open a model folder (diffusers ONNX layout)");
        if (chooser.showOpenDialog(ui) == JFileChooser.APPROVE_OPTION) {
            choose(ModelChoice.folder(chooser.getSelectedFile().toPath().toAbsolutePath()));
        }
    }

    private ExecutionProvider provider() {
        return ExecutionProvider.parse(settings.get().executionProvider()).orElse(ExecutionProvider.AUTO);
    }

    private ModelChoice selectedChoice() {
        String selected = settings.get().selectedModel();
        return selected == null ? ModelChoice.demo(DemoModel.DISPLAY_NAME) : ModelChoice.folder(Path.of(selected));
    }

    private List<ModelChoice> pickerChoices() {
        List<ModelChoice> choices = new ArrayList<>();
        for (int i = 0; i < ui.modelBar.picker().getItemCount(); i++) {
            choices.add(ui.modelBar.picker().getItemAt(i));
        }
        return choices;
    }

    /** Closes the loaded model and the loader thread. */
    @Override
    public void close() {
        loader.close();
    }

    /** Shows model loading in the model bar and enables Generate when a model is ready. */
    private final class LoadListener implements ModelLoader.Listener {
        @Override
        public void loading(ModelChoice choice, String status) {
            ui.modelBar.setStatus(status, null);
            ui.actions.showStatus(status, true);
            ui.prompts.setTokenCounter(null);
            onStateChange.run();
        }

        @Override
        public void loaded(ModelChoice choice, StableDiffusionModel model) {
            lastGoodChoice = choice;
            var info = model.info();
            ui.modelBar.setStatus(model.provider().summary(), "<html>" + info.displayName() + "<br>" + info.family()
                    + " · default sampler " + info.defaultScheduler().displayName() + "<br>" + info.folder()
                    + "</html>");
            ui.actions.showStatus("Ready", false);
            ClipTokenizer tokenizer = model.tokenizer();
            // A1111's token_count: emphasis brackets are not tokens, BREAK closes a chunk
            ui.prompts.setTokenCounter(text -> A1111Chunker.chunk(tokenizer, text, true).tokenCount());
            ui.parameters.sizeField().followFamily(info.family());
            ui.source.setImageToImageSupported(info.hasVaeEncoder(), info.displayName() + " has no VAE encoder "
                    + "(vae_encoder/model.onnx), so it can only make images from text");
            onLoaded.accept(choice);
            refreshChoices();
            onStateChange.run();
        }

        @Override
        public void failed(ModelChoice choice, String userMessage) {
            ui.modelBar.setStatus("Not loaded", userMessage);
            ui.actions.showStatus("No model", false);
            ui.messages.showError(userMessage);
            // Go back to the model that worked (or the demo model when the saved folder fails at start), so the
            // panel stays usable; the message says what was wrong with the chosen one.
            ModelChoice back = lastGoodChoice != null ? lastGoodChoice
                    : choice.isDemo() ? null : ModelChoice.demo(DemoModel.DISPLAY_NAME);
            if (back != null && !back.equals(choice)) {
                lastGoodChoice = null;
                loader.load(back, provider());
                ui.modelBar.setChoices(pickerChoices(), back);
            }
            onStateChange.run();
        }
    }
}
