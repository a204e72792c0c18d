package dev.stepcast.panel;

import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.GenerationResult;
import dev.stepcast.engine.StableDiffusionModel;
import dev.stepcast.engine.demo.DemoModel;
import dev.stepcast.host.EditorHost;
import dev.stepcast.panel.history.HistoryStore;
import dev.stepcast.panel.parts.HistoryItem;
import dev.stepcast.panel.parts.ModelChoice;
import dev.stepcast.panel.png.A1111Format;
import dev.stepcast.panel.png.GenerationParameters;
import dev.stepcast.panel.png.PngParameters;
import dev.stepcast.panel.preview.ActivitySignal;
import dev.stepcast.panel.preview.PreviewSettings;
import dev.stepcast.panel.settings.Settings;
import dev.stepcast.panel.settings.SettingsDialog;
import dev.stepcast.panel.settings.SettingsStore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import javax.swing.JFileChooser;
import javax.swing.SwingUtilities;

/**
 * The panel's behaviour: settings (loaded at start, a set-aside file reported in the message box, saved on change and
 * at shutdown), the model (one loaded at a time through {@link ModelSession}), generation (batches through
 * {@link GenerationController}), the history ({@link HistoryStore} opened in the background, results added as they
 * finish) and restoring settings from a PNG.
 *
 * <p>Settings read: all of {@link Settings} — preview interval/method/keep-when-inactive/tiny decoder for each run,
 * execution provider and model folders for loading, the history cap, the form.
 *
 * <p><b>Threads:</b> EDT only; file work goes to {@link Background}, model loading to {@link ModelSession},
 * generation to the previews helper's worker.
 */
public final class PanelController {

    private static final System.Logger LOG = System.getLogger(PanelController.class.getName());

    private final StepcastPanel ui;
    private final EditorHost host;
    private final SettingsStore settingsStore;
    private final Path historyFolder;
    private final ActivitySignal activity;
    private final Background background = new Background();
    private final ModelSession models;
    private final FormBinding form;
    private final GenerationController generation;
    private Settings settings;
    private HistoryStore historyStore;
    private ModelChoice lastGoodChoice;
    private boolean shutDown;

    PanelController(StepcastPanel ui, EditorHost host, Path dataFolder, ActivitySignal activity) {
        this.ui = ui;
        this.host = host;
        this.settingsStore = new SettingsStore(dataFolder);
        this.historyFolder = dataFolder.resolve("history");
        this.activity = activity;
        this.form = new FormBinding(ui.prompts, ui.parameters, ui.source);
        this.models = new ModelSession(new ModelListener());
        this.generation = new GenerationController(ui.actions, ui.preview, ui.messages, activity, this::stored,
                this::updateGenerateState);
        ui.history.setActions(new ResultActions(host, background, () -> historyStore, ui.history, ui.preview, form,
                ui.messages, ui, ui::refreshSummaries));
        ui.source.setSelectionSource(host::selection);
        ui.parameters.sizeField().setOnChange(this::updateGenerateState);
        ui.source.setOnChange(this::updateGenerateState);
        ui.modelBar.setOnChoice(this::chooseModel);
        ui.modelBar.openButton().addActionListener(e -> openModelFolder());
        ui.modelBar.settingsButton().addActionListener(e -> editSettings());
    }

    /** Loads the settings (reporting a set-aside file), the history and the model. */
    void start() {
        SettingsStore.Loaded loaded = settingsStore.load();
        settings = loaded.settings();
        loaded.problem().ifPresent(ui.messages::showWarning);
        form.show(settings.form());
        refreshModelChoices();
        openHistory();
        models.load(selectedChoice(), provider());
        updateGenerateState();
    }

    /** The settings in use. */
    public Settings settings() {
        return settings;
    }

    /** The model loaded now, or {@code null}. */
    public StableDiffusionModel model() {
        return models.current();
    }

    /** Whether a generation runs. */
    public boolean isGenerating() {
        return generation.isRunning();
    }

    private ExecutionProvider provider() {
        return ExecutionProvider.parse(settings.executionProvider()).orElse(ExecutionProvider.AUTO);
    }

    private ModelChoice selectedChoice() {
        return settings.selectedModel() == null ? ModelChoice.demo(DemoModel.DISPLAY_NAME)
                : ModelChoice.folder(Path.of(settings.selectedModel()));
    }

    private void refreshModelChoices() {
        List<ModelChoice> choices = new ArrayList<>();
        choices.add(ModelChoice.demo(DemoModel.DISPLAY_NAME));
        settings.modelFolders().forEach(f -> choices.add(ModelChoice.folder(Path.of(f))));
        ui.modelBar.setChoices(choices, selectedChoice());
    }

    private void chooseModel(ModelChoice choice) {
        if (generation.isRunning() || choice.equals(models.currentChoice())) {
            return;
        }
        ui.messages.clear();
        models.load(choice, provider());
        updateGenerateState();
    }

    private void openModelFolder() {
        JFileChooser chooser = new JFileChooser(settings.selectedModel());
        chooser.setFileSelectionMode(JFileChooser.DIRECTORIES_ONLY);
        chooser.setDialogTitle("Open a model folder (diffusers ONNX layout)");
        if (chooser.showOpenDialog(ui) == JFileChooser.APPROVE_OPTION) {
            chooseModel(ModelChoice.folder(chooser.getSelectedFile().toPath().toAbsolutePath()));
        }
    }

    private void editSettings() {
        Optional<Settings> edited = SettingsDialog.edit(SwingUtilities.getWindowAncestor(ui), settings);
        if (edited.isEmpty()) {
            return;
        }
        boolean reload = !edited.get().executionProvider().equals(settings.executionProvider());
        settings = edited.get();
        saveSettings();
        refreshModelChoices();
        HistoryStore store = historyStore;
        if (store != null) {
            long cap = settings.historyLimitMb() * 1024L * 1024L;
            background.submit(() -> {
                store.setCapBytes(cap);
                return store.entries().stream().map(e -> e.id()).collect(Collectors.toSet());
            }, ui.history::retain, e -> ui.messages.showError(e.getMessage()));
        }
        if (reload && !generation.isRunning()) {
            models.load(selectedChoice(), provider());
        }
    }

    /** Saves the settings with the form as it is now; a failure is shown, never thrown. */
    public void saveSettings() {
        settings = settings.withForm(form.read());
        try {
            settingsStore.save(settings);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot save settings", e);
            ui.messages.showError("Could not save the settings to " + settingsStore.file() + ": " + e.getMessage());
        }
    }

    private void openHistory() {
        long cap = settings.historyLimitMb() * 1024L * 1024L;
        background.submit(() -> {
            HistoryStore store = new HistoryStore(historyFolder, cap);
            List<HistoryItem> items = new ArrayList<>();
            for (var entry : store.entries()) {
                try {
                    items.add(new HistoryItem(entry, Images.thumbnail(store.readImage(entry), HistoryItem.THUMB)));
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "Skipping unreadable history image " + entry.fileName(), e);
                }
            }
            return new Object[] {store, items};
        }, loaded -> {
            historyStore = (HistoryStore) loaded[0];
            @SuppressWarnings("unchecked")
            List<HistoryItem> items = (List<HistoryItem>) loaded[1];
            ui.history.setItems(items);
        }, e -> ui.messages.showError("The history in " + historyFolder + " could not be opened: " + e.getMessage()));
    }

    /** Starts a generation from the form (Generate / Ctrl+Enter); explains in the message box when it cannot. */
    public void generate() {
        String whyNot = whyNotGenerate();
        if (whyNot != null) {
            if (!generation.isRunning()) {
                ui.messages.showError(whyNot);
            }
            return;
        }
        RegionPlan plan;
        if (ui.source.isImageToImage()) {
            Optional<BufferedImage> image = host.activeImage();
            if (image.isEmpty()) {
                ui.messages.showError("Image to image needs an open image in the editor: open or create one, or "
                        + "switch the source to Text to image. Your prompt and settings are unchanged.");
                return;
            }
            plan = RegionPlan.imageToImage(image.get(), host.selection().orElse(null), width(), height());
        } else {
            plan = RegionPlan.of(host.selection().orElse(null), width(), height(), null);
        }
        saveSettings();
        generation.start(models.current(), jobs(plan), this::previewSettings);
        updateGenerateState();
    }

    private int width() {
        return ui.parameters.sizeField().widthValue().orElse(512);
    }

    private int height() {
        return ui.parameters.sizeField().heightValue().orElse(512);
    }

    private List<GenerationController.Job> jobs(RegionPlan plan) {
        long first = ui.parameters.isRandomSeed() ? ThreadLocalRandom.current().nextLong(1L << 32)
                : ui.parameters.fixedSeed().orElse(0);
        float strength = ui.source.strength();
        boolean i2i = plan.source() != null;
        List<GenerationController.Job> jobs = new ArrayList<>();
        for (int i = 0; i < ui.parameters.batchCount(); i++) {
            long seed = first + i;
            GenerationRequest request = new GenerationRequest(ui.prompts.prompt(), ui.prompts.negativePrompt(),
                    plan.width(), plan.height(), ui.parameters.steps(), ui.parameters.cfgScale(),
                    ui.parameters.sampler(), seed, plan.source(), i2i ? strength : 1f, null);
            GenerationParameters params = new GenerationParameters(request.prompt(), request.negativePrompt(),
                    request.steps(), request.scheduler().displayName(), request.guidanceScale(), seed, plan.width(),
                    plan.height(), models.current().info().displayName(), i2i ? (double) strength : null);
            jobs.add(new GenerationController.Job(request, params, plan));
        }
        return jobs;
    }

    private PreviewSettings previewSettings() {
        Settings.PreviewPrefs p = settings.preview();
        return new PreviewSettings(p.interval(), SettingsDialog.previewMethod(settings), p.keepWhenInactive(),
                SettingsDialog.tinyDecoder(settings));
    }

    /** Cancels the running generation (Cancel / Esc). */
    public void cancel() {
        generation.cancel();
    }

    /** A finished image: into the history (PNG with parameters), then the strip. */
    private void stored(GenerationController.Job job, GenerationResult result) {
        ui.parameters.setLastSeedUsed(job.request().seed());
        HistoryStore store = historyStore;
        if (store == null) {
            ui.messages.showError("The result could not be kept: the history is not open.");
            return;
        }
        String text = A1111Format.format(job.parameters());
        BufferedImage image = result.image();
        background.submit(() -> {
            var entry = store.add(image, text, job.plan().historyRegion());
            var ids = store.entries().stream().map(e -> e.id()).collect(Collectors.toSet());
            return new Object[] {new HistoryItem(entry, Images.thumbnail(image, HistoryItem.THUMB)), ids};
        }, done -> {
            ui.history.addFirst((HistoryItem) done[0]);
            @SuppressWarnings("unchecked")
            java.util.Set<String> ids = (java.util.Set<String>) done[1];
            ui.history.retain(ids);
        }, e -> ui.messages.showError("The result could not be saved in the history: " + e.getMessage()));
    }

    /** Reads a dropped PNG's parameters in the background and restores them into the form. */
    void restoreFromPng(Path png) {
        background.submit(() -> PngParameters.read(png), text -> {
            Optional<GenerationParameters> p = text.flatMap(A1111Format::parse);
            if (p.isEmpty()) {
                ui.messages.showWarning(png.getFileName() + " has no generation parameters (no A1111 "
                        + "\"parameters\" text chunk); nothing was changed.");
                return;
            }
            String note = form.restore(p.get());
            ui.refreshSummaries();
            if (note != null) {
                ui.messages.showWarning(note);
            } else {
                ui.messages.clear();
            }
        }, e -> ui.messages.showError("Could not read " + png + ": " + e.getMessage()));
    }

    private String whyNotGenerate() {
        if (generation.isRunning()) {
            return "A generation is running";
        }
        if (models.current() == null) {
            return "No model is loaded yet";
        }
        Optional<String> invalid = ui.parameters.validationMessage();
        return invalid.orElse(null);
    }

    private void updateGenerateState() {
        ui.actions.setGenerateAllowed(whyNotGenerate());
        ui.modelBar.setSwitchingAllowed(!generation.isRunning());
    }

    /** Cancels a generation, saves the settings, closes the model and the history thread. */
    void shutdown() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        generation.cancel();
        saveSettings();
        activity.dispose();
        models.close();
        background.close();
    }

    /** Shows model loading in the model bar and enables Generate when a model is ready. */
    private final class ModelListener implements ModelSession.Listener {
        @Override
        public void loading(ModelChoice choice, String status) {
            ui.modelBar.setStatus(status, null);
            ui.actions.showStatus(status, true);
            ui.prompts.setTokenCounter(null);
            updateGenerateState();
        }

        @Override
        public void loaded(ModelChoice choice, StableDiffusionModel model) {
            lastGoodChoice = choice;
            var info = model.info();
            ui.modelBar.setStatus(model.provider().summary(), "<html>" + info.displayName() + "<br>" + info.family()
                    + " · default sampler " + info.defaultScheduler().displayName() + "<br>" + info.folder()
                    + "</html>");
            ui.actions.showStatus("Ready", false);
            ui.prompts.setTokenCounter(model.tokenizer()::tokenCount);
            ui.source.setImageToImageSupported(info.hasVaeEncoder(), info.displayName() + " has no VAE encoder "
                    + "(vae_encoder/model.onnx), so it can only make images from text");
            String folder = choice.isDemo() ? null : choice.folder().toString();
            settings = settings.withSelectedModel(folder);
            saveSettings();
            refreshModelChoices();
            updateGenerateState();
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
                models.load(back, provider());
                ui.modelBar.setChoices(currentChoices(), back);
            }
            updateGenerateState();
        }
    }

    private List<ModelChoice> currentChoices() {
        List<ModelChoice> choices = new ArrayList<>();
        for (int i = 0; i < ui.modelBar.picker().getItemCount(); i++) {
            choices.add(ui.modelBar.picker().getItemAt(i));
        }
        return choices;
    }
}
