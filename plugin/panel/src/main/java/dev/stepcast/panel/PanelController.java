package dev.stepcast.panel;

import dev.stepcast.engine.GenerationResult;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.host.EditorHost;
import dev.stepcast.panel.parts.ModelChoice;
import dev.stepcast.panel.png.A1111Format;
import dev.stepcast.panel.png.GenerationParameters;
import dev.stepcast.panel.png.PngParameters;
import dev.stepcast.panel.preview.ActivitySignal;
import dev.stepcast.panel.settings.ServerPasswords;
import dev.stepcast.panel.settings.Settings;
import dev.stepcast.panel.settings.SettingsDialog;
import dev.stepcast.panel.settings.SettingsStore;
import dev.stepcast.panel.settings.SettingsWriter;
import java.nio.file.Path;
import java.util.Optional;
import javax.swing.SwingUtilities;

/**
 * The panel's behaviour, wired from small collaborators: the settings (loaded at start, a set-aside file reported in
 * the message box, saved on change and at shutdown) are kept here; the model by {@link ModelController}, the history
 * by {@link HistoryController}, the form → requests by {@link RequestBuilder}, batches by
 * {@link GenerationController}; restoring settings from a PNG and shutdown are here too.
 *
 * <p>Settings read: all of {@link Settings} — preview interval/method/keep-when-inactive/tiny decoder for each run,
 * execution provider and model folders for loading, the history cap, the form, how prompts are read (the requests'
 * long prompt and emphasis options, the token counter).
 *
 * <p><b>Threads:</b> EDT only, except {@code readSettings} (on {@link Background} at start: the settings file is never
 * read on the EDT); file work goes to {@link Background}, settings writes to {@link SettingsWriter}
 * (coalesced, never on the EDT, not waited for at shutdown), model loading to {@link ModelLoader},
 * generation to the {@link dev.stepcast.panel.run.GenerationWorker}.
 */
public final class PanelController {

    private final StepcastPanel ui;
    private final EditorHost host;
    private final SettingsStore settingsStore;
    /** Writes the settings on "stepcast-settings", coalesced; never on the EDT. */
    private final SettingsWriter settingsWriter;
    private final ActivitySignal activity;
    private final Background background = new Background();
    private final FormBinding form;
    private final GenerationController generation;
    private final ModelController models;
    private final HistoryController history;
    private final RequestBuilder requests;
    private final ResultActions results;
    private final ServerPasswords passwords = new ServerPasswords();
    private Settings settings;
    /** Set on the EDT once the saved settings are applied; until then nothing is saved or generated. */
    private boolean settingsReady;
    /** Written by the background thread that reads the settings; read by tests. */
    private volatile String settingsReadOn;
    private boolean shutDown;
    /** Re-reads the host's selection for the output size line (the port has no selection listener). */
    private final javax.swing.Timer selectionWatch = new javax.swing.Timer(500, e -> updateNotes());

    PanelController(StepcastPanel ui, EditorHost host, Path dataFolder, ActivitySignal activity) {
        this.ui = ui;
        this.host = host;
        this.settingsStore = new SettingsStore(dataFolder);
        this.settingsWriter = new SettingsWriter(settingsStore::save, e -> ui.messages.showError(
                "Could not save the settings to " + settingsStore.file() + ": " + e.getMessage()));
        this.activity = activity;
        this.form = new FormBinding(ui.prompts, ui.parameters, ui.source);
        this.generation = new GenerationController(ui.actions, ui.preview, ui.messages, activity, this::stored,
                this::generationIdle);
        this.models = new ModelController(ui, () -> settings, generation::isRunning, this::modelSelected,
                this::updateGenerateState, passwords);
        this.history = new HistoryController(dataFolder.resolve("history"), background, ui.history, ui.messages);
        this.requests = new RequestBuilder(ui, host, () -> settings);
        this.results = new ResultActions(host, background, history::store, ui.history, ui.preview, form,
                ui.messages, ui, ui::refreshSummaries);
        ui.history.setActions(results);
        generation.setOnCancelled(results::afterCancel);
        ui.source.setSelectionSource(host::selection);
        ui.source.setMaskSource(host::selectionMask);
        ui.parameters.sizeField().setOnChange(this::updateGenerateState);
        ui.source.setOnChange(this::updateGenerateState);
        ui.parameters.addStepsListener(this::updateGenerateState);
        ui.modelBar.settingsButton().addActionListener(e -> editSettings());
    }

    /**
     * Starts reading the settings on the background thread (the form shows the defaults, and Generate and saves wait,
     * until they arrive); then, on the EDT, applies them (reporting a set-aside file) and opens the history and the
     * model.
     */
    void start() {
        settings = Settings.defaults();
        form.show(settings.form());
        updateGenerateState();
        background.submit(this::readSettings, this::settingsRead, e -> settingsRead(new SettingsStore.Loaded(
                Settings.defaults(), Optional.of("The settings in " + settingsStore.file()
                        + " could not be read; the defaults are used (" + e.getMessage() + ")."))));
    }

    /** Background thread: reads the settings file. */
    private SettingsStore.Loaded readSettings() {
        settingsReadOn = Thread.currentThread().getName();
        return settingsStore.load();
    }

    /** EDT: the settings arrived; applies them whole, then opens the history and the model. */
    private void settingsRead(SettingsStore.Loaded loaded) {
        if (shutDown) {
            return;
        }
        settings = loaded.settings();
        settingsReady = true;
        loaded.problem().ifPresent(ui.messages::showWarning);
        form.show(settings.form());
        models.compatChanged();
        models.refreshChoices();
        history.open(historyCapBytes());
        models.loadSelected();
        updateGenerateState();
        selectionWatch.start();
    }

    /** For tests: the name of the thread that read the settings file, or {@code null} before the read. */
    String settingsReadOn() {
        return settingsReadOn;
    }

    /** Whether the saved settings have been read and applied (before that the form shows the defaults). */
    boolean settingsReady() {
        return settingsReady;
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

    private long historyCapBytes() {
        return settings.historyLimitMb() * 1024L * 1024L;
    }

    /** The model in use changed: remember it (a local folder, the demo model, or a server's checkpoint). */
    private void modelSelected(ModelChoice choice) {
        if (choice.isServerCheckpoint()) {
            settings = settings.withSelectedServerModel(new Settings.ServerModel(choice.server(), choice.checkpoint()));
        } else {
            settings = settings.withSelectedModel(choice.isDemo() ? null : choice.folder().toString());
        }
        saveSettings();
    }

    private void generationIdle() {
        models.idle();
        updateGenerateState();
    }

    private void editSettings() {
        if (!settingsReady) {
            return;
        }
        Optional<Settings> edited = SettingsDialog.edit(SwingUtilities.getWindowAncestor(ui), settings, passwords,
                ServerConnections::test);
        if (edited.isEmpty()) {
            return;
        }
        boolean reload = !edited.get().executionProvider().equals(settings.executionProvider());
        Settings before = settings;
        settings = edited.get();
        saveSettings();
        models.serversChanged(before);
        if (!settings.compat().equals(before.compat())) {
            models.compatChanged();
        }
        history.setCapBytes(historyCapBytes());
        if (reload && !generation.isRunning()) {
            models.loadSelected();
        }
    }

    /**
     * Saves the settings with the form as it is now, in the background (saves in quick succession become one write);
     * a failure is shown, never thrown.
     */
    public void saveSettings() {
        if (!settingsReady) {
            return; // the saved settings are still being read: never overwrite them with the defaults
        }
        settings = settings.withForm(form.read());
        settingsWriter.save(settings);
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
        Optional<RegionPlan> plan = requests.plan();
        if (plan.isEmpty() && ui.source.isInpaint()) {
            ui.messages.showError("Inpaint selection needs an image with a selection: " + host.openImageAdvice()
                    + " and select the part to repaint, or switch the source. Your prompt and settings are unchanged.");
            return;
        }
        if (plan.isEmpty()) {
            ui.messages.showError("Image to image needs a source image: " + host.openImageAdvice()
                    + ", or switch the source to Text to image. Your prompt and settings are unchanged.");
            return;
        }
        saveSettings();
        dev.stepcast.engine.Backend backend = models.currentBackend();
        generation.start(backend,
                requests.jobs(plan.get(), models.currentModelName(), models.currentCheckpoint(), backend),
                () -> settings.preview().toPreviewSettings());
        requests.noiseNotice(backend).ifPresent(generation::noticeOnce);
        updateGenerateState();
    }

    /** The model side (tests choose folders without the file chooser). */
    ModelController models() {
        return models;
    }

    /** The form → requests (tests check what a Generate would send). */
    RequestBuilder requests() {
        return requests;
    }

    /** What the history's commands do (tests drive Save without the file chooser). */
    ResultActions results() {
        return results;
    }

    /** Undoes the last discard of a result (Ctrl+Z); disabled when there is none, so the host's Ctrl+Z works. */
    javax.swing.Action undoDiscardAction() {
        return results.undoDiscardAction();
    }

    /** Cancels the running generation (Cancel / Esc). */
    public void cancel() {
        generation.cancel();
    }

    /** A finished image: the seed it used into the form, the image into the history. */
    private void stored(GenerationController.Job job, GenerationResult result) {
        ui.parameters.setLastSeedUsed(job.request().seed());
        RegionPlan plan = job.plan();
        if (plan.inpaint() != null) {
            // Only the repainted part goes to the history (and, by Apply, to a layer): transparent where the mask is 0.
            RegionPlan layerPlan = new RegionPlan(plan.inpaint().maskBounds(), plan.width(), plan.height(),
                    plan.source(), plan.inpaint());
            history.store(new GenerationController.Job(job.request(), job.parameters(), layerPlan),
                    plan.inpaint().layerFromComposite(result.image()));
            return;
        }
        history.store(job, result);
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
            models.chooseCheckpointNamed(p.get().model()); // a server's checkpoint, when a server lists it
            ui.refreshSummaries();
            if (note != null) {
                ui.messages.showWarning(note);
            } else {
                ui.messages.clear();
            }
        }, e -> ui.messages.showError("Could not read " + png + ": " + e.getMessage()));
    }

    private String whyNotGenerate() {
        if (!settingsReady) {
            return "The settings are still being read";
        }
        if (generation.isRunning()) {
            return "A generation is running";
        }
        if (models.currentBackend() == null) {
            return "No model is loaded yet";
        }
        Optional<String> invalid = ui.parameters.validationMessage();
        return invalid.orElse(null);
    }

    private void updateGenerateState() {
        ui.actions.setGenerateAllowed(whyNotGenerate());
        ui.modelBar.setSwitchingAllowed(!generation.isRunning());
        updateNotes();
    }

    /** The output size next to Size, and how many steps Image to image runs. */
    private void updateNotes() {
        ui.parameters.sizeField().setOutputNote(requests.outputNote().orElse(null));
        int steps = ui.parameters.steps();
        int run = dev.stepcast.engine.GenerationRequest.stepsRun(steps, ui.source.strength());
        ui.source.setStepsNote(run + " of " + steps + " steps at strength "
                + new java.math.BigDecimal(String.format(java.util.Locale.ROOT, "%.2f", ui.source.strength()))
                        .stripTrailingZeros().toPlainString());
    }

    /** Cancels a generation, saves the settings, closes the model, deletes discarded results, stops the file thread. */
    void shutdown() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        selectionWatch.stop();
        generation.close();
        saveSettings();
        settingsWriter.close(); // the write finishes in the background; the EDT does not wait
        activity.dispose();
        models.close();
        results.deleteDiscarded();
        background.close();
    }
}
