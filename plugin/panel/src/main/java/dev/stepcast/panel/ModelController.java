package dev.stepcast.panel;

import dev.stepcast.engine.Backend;
import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.LongPrompt;
import dev.stepcast.engine.demo.DemoModel;
import dev.stepcast.engine.onnx.LocalBackend;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.text.A1111Chunker;
import dev.stepcast.engine.text.ClipTokenizer;
import dev.stepcast.panel.parts.ModelChoice;
import dev.stepcast.panel.parts.PromptArea;
import dev.stepcast.panel.settings.PasswordPrompt;
import dev.stepcast.panel.settings.ServerPasswords;
import dev.stepcast.panel.settings.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.swing.JFileChooser;

/**
 * The model as the panel sees it, and where it runs. The picker groups "This computer" (the demo model and the
 * settings' model folders, loaded through the {@link ModelLoader}) and each server of the settings (its checkpoints,
 * listed off the EDT by {@link ServerConnections}, or one line saying why there are none: down, listing, password
 * needed). Picking a server checkpoint makes the panel generate through that server's {@link Backend}; the model
 * bar's status line then says where it runs ({@link Backend#describe()}). On a local load failure it goes back to
 * the model that worked (or the demo model) so the panel stays usable.
 *
 * <p>Settings read: the selected model or server checkpoint, the model folders, the servers, the remote timeouts,
 * the execution provider, and how prompts are read (long prompts, emphasis: the token counter follows them) — through
 * the supplier, so it always sees the panel's current settings. A model put in use
 * is reported to {@code onSelected} (the panel remembers it).
 *
 * <p><b>Threads:</b> EDT only; loading runs on the loader's thread, connecting and listing on the connections'.
 */
final class ModelController implements AutoCloseable {

    private final StepcastPanel ui;
    private final Supplier<Settings> settings;
    private final BooleanSupplier generating;
    private final Consumer<ModelChoice> onSelected;
    private final Runnable onStateChange;
    private final ModelLoader loader;
    private final ServerPasswords passwords;
    private final ServerConnections servers;
    private ModelChoice lastGoodChoice;
    /** The model in use (local or a server checkpoint), or {@code null} while none is ready. */
    private ModelChoice active;
    /** A server checkpoint to use as soon as its server lists it (at start, or after the settings changed). */
    private Settings.ServerModel pendingServerModel;
    private LocalBackend localBackend;

    ModelController(StepcastPanel ui, Supplier<Settings> settings, BooleanSupplier generating,
                    Consumer<ModelChoice> onSelected, Runnable onStateChange, ServerPasswords passwords) {
        this.ui = ui;
        this.settings = settings;
        this.generating = generating;
        this.onSelected = onSelected;
        this.onStateChange = onStateChange;
        this.passwords = passwords;
        this.loader = new ModelLoader(new LoadListener());
        this.servers = new ServerConnections(passwords);
        ui.modelBar.setOnChoice(this::choose);
        ui.modelBar.openButton().addActionListener(e -> openFolder());
    }

    /** The local model loaded now, or {@code null}. */
    StableDiffusionModel current() {
        return loader.current();
    }

    /** Where the next generation runs: this computer's loaded model or the picked server; {@code null} if none. */
    Backend currentBackend() {
        if (active == null) {
            return null;
        }
        if (active.isServerCheckpoint()) {
            return servers.listing(active.server()).map(ServerConnections.Listing::backend).orElse(null);
        }
        StableDiffusionModel model = loader.current();
        if (model == null) {
            return null;
        }
        if (localBackend == null || localBackend.model() != model) {
            localBackend = new LocalBackend(model); // a view of the loaded model; the loader's cache closes it
        }
        return localBackend;
    }

    /** The model's name for history entries and the PNG's "Model:" (a server's checkpoint name as it lists it). */
    String currentModelName() {
        if (active != null && active.isServerCheckpoint()) {
            return active.checkpoint();
        }
        StableDiffusionModel model = loader.current();
        return model == null ? null : model.info().displayName();
    }

    /** The checkpoint a request names (a server's), or {@code null} for this computer's model. */
    String currentCheckpoint() {
        return active != null && active.isServerCheckpoint() ? active.checkpoint() : null;
    }

    /** Loads the settings' selected local model and, if a server checkpoint was selected, uses it once listed. */
    void loadSelected() {
        pendingServerModel = settings.get().selectedServerModel();
        loader.load(selectedLocalChoice(), provider());
    }

    /** Rewrites the picker's list from the settings and the servers' listings; lists servers not listed yet. */
    void refreshChoices() {
        List<ModelChoice> choices = new ArrayList<>();
        Settings s = settings.get();
        if (!s.servers().isEmpty()) {
            choices.add(ModelChoice.header(ModelChoice.THIS_COMPUTER, null));
        }
        choices.add(ModelChoice.demo(DemoModel.DISPLAY_NAME));
        s.modelFolders().forEach(f -> choices.add(ModelChoice.folder(Path.of(f))));
        for (Settings.ServerPrefs server : s.servers()) {
            choices.add(ModelChoice.header(server.name(), server.name()));
            Optional<ServerConnections.Listing> listing = servers.listing(server.name());
            if (listing.isPresent() && listing.get().ok()) {
                if (listing.get().checkpoints().isEmpty()) {
                    choices.add(ModelChoice.serverNote(server.name(), "No checkpoints on this server"));
                }
                listing.get().checkpoints().forEach(c -> choices.add(ModelChoice.serverCheckpoint(server.name(), c)));
            } else if (listing.isPresent()) {
                choices.add(ModelChoice.serverNote(server.name(), "Not available: " + listing.get().problem()));
            } else if (passwords.missing(server)) {
                choices.add(ModelChoice.serverNote(server.name(), "Password needed — pick this line to enter it"));
            } else {
                choices.add(ModelChoice.serverNote(server.name(), "Listing checkpoints…"));
                if (!servers.isListing(server.name())) {
                    servers.list(server, s.remote(), this::listed);
                }
            }
        }
        ModelChoice shown = active != null && choices.contains(active) ? active
                : loader.currentChoice() != null ? loader.currentChoice() : selectedLocalChoice();
        ui.modelBar.setChoices(choices, shown);
    }

    /** The settings changed: servers removed or edited are listed again (a removed one in use gives way). */
    void serversChanged(Settings before) {
        Settings now = settings.get();
        servers.forgetAllBut(now.servers(), now.remote(), before.remote());
        if (active != null && active.isServerCheckpoint()) {
            boolean kept = servers.listing(active.server()).isPresent();
            if (!kept) {
                boolean stillListed = now.server(active.server()).isPresent();
                pendingServerModel = stillListed ? new Settings.ServerModel(active.server(), active.checkpoint())
                        : null;
                fallBackToLocal();
            }
        }
        if (!generating.getAsBoolean()) {
            servers.closeRetired();
        }
        refreshChoices();
    }

    /** A generation ended: backends of old listings may close now. */
    void idle() {
        servers.closeRetired();
    }

    /** Picks {@code choice} unless a generation runs; a server's note acts on it (password, try again). */
    void choose(ModelChoice choice) {
        if (generating.getAsBoolean()) {
            return;
        }
        switch (choice.kind()) {
            case SERVER_NOTE -> actOnNote(choice);
            case SERVER_CHECKPOINT -> useServerCheckpoint(choice);
            case DEMO, FOLDER -> useLocal(choice);
            case HEADER -> { }
            default -> throw new IllegalStateException("unknown choice " + choice);
        }
    }

    /**
     * Picks the checkpoint a dropped PNG names when a server lists it (the server in use first).
     *
     * @return whether a server lists it
     */
    boolean chooseCheckpointNamed(String checkpoint) {
        if (checkpoint == null || generating.getAsBoolean()) {
            return false;
        }
        if (active != null && active.isServerCheckpoint() && active.checkpoint().equals(checkpoint)) {
            return true;
        }
        List<String> order = new ArrayList<>();
        if (active != null && active.isServerCheckpoint()) {
            order.add(active.server());
        }
        settings.get().servers().forEach(s -> order.add(s.name()));
        for (String name : order) {
            Optional<ServerConnections.Listing> listing = servers.listing(name);
            if (listing.isPresent() && listing.get().checkpoints().contains(checkpoint)) {
                useServerCheckpoint(ModelChoice.serverCheckpoint(name, checkpoint));
                return true;
            }
        }
        return false;
    }

    private void useLocal(ModelChoice choice) {
        pendingServerModel = null;
        ui.messages.clear();
        if (choice.equals(loader.currentChoice())) {
            if (loader.current() != null) {
                showLocal(choice, loader.current(), true);
            }
            return; // loaded (now in use again) or loading
        }
        active = null;
        loader.load(choice, provider());
        onStateChange.run();
    }

    private void useServerCheckpoint(ModelChoice choice) {
        pendingServerModel = null;
        Optional<ServerConnections.Listing> listing = servers.listing(choice.server());
        if (listing.isEmpty() || !listing.get().ok()) {
            refreshChoices();
            return;
        }
        Backend backend = listing.get().backend();
        Settings.ServerPrefs server = listing.get().server();
        active = choice;
        ui.messages.clear();
        ui.modelBar.setStatus(backend.describe(), "<html>" + choice.checkpoint() + "<br>on " + server.name() + " ("
                + server.url() + ")</html>");
        ui.actions.showStatus("Ready", false);
        ui.prompts.setTokenCounts(null); // the server's tokenizer is not here
        ui.parameters.sizeField().setPixelMultiple(8); // the server checks its own UNet's sizes
        ui.parameters.sizeField().setCheckThisMachine(false); // and runs in its own memory
        ui.source.setImageToImageSupported(true, null);
        onSelected.accept(choice);
        refreshChoices();
        onStateChange.run();
    }

    private void actOnNote(ModelChoice note) {
        Optional<Settings.ServerPrefs> server = settings.get().server(note.server());
        if (server.isEmpty() || servers.isListing(server.get().name())) {
            return; // the note of a listing still running: it answers on its own
        }
        if (passwords.missing(server.get())) {
            Optional<String> typed = PasswordPrompt.ask(ui, server.get());
            if (typed.isEmpty()) {
                return;
            }
            passwords.put(server.get(), typed.get());
        }
        servers.forget(server.get().name()); // try again: it may be up now
        refreshChoices();
    }

    /** A server's listing arrived (EDT): use the pending checkpoint when it is there, else say why in one line. */
    private void listed(ServerConnections.Listing listing) {
        Settings.ServerModel wanted = pendingServerModel;
        if (wanted != null && wanted.server().equals(listing.server().name())) {
            pendingServerModel = null;
            if (listing.ok() && listing.checkpoints().contains(wanted.checkpoint()) && !generating.getAsBoolean()) {
                useServerCheckpoint(ModelChoice.serverCheckpoint(wanted.server(), wanted.checkpoint()));
                return;
            }
            String why = listing.ok() ? wanted.server() + " no longer lists " + wanted.checkpoint()
                    : listing.problem();
            ui.messages.showWarning(why + " — using " + (currentModelName() == null ? "this computer's model"
                    : currentModelName() + " on this computer") + " instead.");
        }
        refreshChoices();
    }

    private void fallBackToLocal() {
        StableDiffusionModel model = loader.current();
        if (model != null && loader.currentChoice() != null) {
            showLocal(loader.currentChoice(), model, pendingServerModel == null);
        } else {
            active = null;
        }
    }

    private void showLocal(ModelChoice choice, StableDiffusionModel model, boolean remember) {
        active = choice;
        lastGoodChoice = choice;
        var info = model.info();
        ui.modelBar.setStatus(model.provider().summary(), "<html>" + info.displayName() + "<br>" + info.family()
                + " · default sampler " + info.defaultScheduler().displayName() + "<br>" + info.folder()
                + "</html>");
        ui.actions.showStatus("Ready", false);
        ClipTokenizer tokenizer = model.tokenizer();
        boolean unetChunks = model.unet().dynamicSequence();
        // follows the settings as they are at each count (the panel recounts when they change)
        ui.prompts.setTokenCounts(text -> tokenCount(tokenizer, unetChunks, settings.get().compat(), text));
        ui.parameters.sizeField().followFamily(info.family());
        var sizeField = ui.parameters.sizeField();
        sizeField.setCheckThisMachine(true);
        model.knownPixelMultiple().ifPresentOrElse(sizeField::setPixelMultiple, () -> {
            sizeField.setPixelMultiple(8); // every model takes multiples of 8 until the UNet's probe says more
            loader.probePixelMultiple(model, sizeField::setPixelMultiple);
        });
        ui.source.setImageToImageSupported(info.hasVaeEncoder(), info.displayName() + " has no VAE encoder "
                + "(vae_encoder/model.onnx), so it can only make images from text");
        if (remember) {
            onSelected.accept(choice);
        }
        refreshChoices();
        onStateChange.run();
    }

    /**
     * The counter of one prompt as the model will read it: chunked (A1111's {@code token_count}: emphasis brackets
     * are not tokens, {@code BREAK} closes a chunk) or, with long prompts set to truncate or a UNet that takes one
     * 77-token sequence, all tokens of which the first 75 are used; with emphasis off brackets count as tokens.
     */
    static PromptArea.TokenCount tokenCount(ClipTokenizer tokenizer, boolean unetChunks, Settings.CompatPrefs prefs,
                                            String text) {
        boolean emphasis = prefs.emphasisOn();
        if (prefs.longPromptMode() == LongPrompt.CHUNK && unetChunks) {
            return PromptArea.TokenCount.chunked(A1111Chunker.chunk(tokenizer, text, emphasis).tokenCount());
        }
        String why = prefs.longPromptMode() == LongPrompt.TRUNCATE
                ? "Long prompts are set to truncate (diffusers): only the first 75 tokens are used. Settings → "
                + "Prompts → Chunk uses them all, as A1111 does."
                : "This model's UNet takes one 77-token sequence: only the first 75 tokens are used.";
        return PromptArea.TokenCount.truncated(tokenizer.encodeA1111(text, emphasis, false).tokenCount(), why);
    }

    /** The settings changed how prompts are read: the counters follow. */
    void compatChanged() {
        ui.prompts.recount();
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

    private ModelChoice selectedLocalChoice() {
        String selected = settings.get().selectedModel();
        return selected == null ? ModelChoice.demo(DemoModel.DISPLAY_NAME) : ModelChoice.folder(Path.of(selected));
    }

    /** Closes the loaded model, the loader thread and every server connection. */
    @Override
    public void close() {
        loader.close();
        servers.close();
    }

    /** Shows model loading in the model bar and enables Generate when a model is ready. */
    private final class LoadListener implements ModelLoader.Listener {
        @Override
        public void loading(ModelChoice choice, String status) {
            if (active != null && active.isServerCheckpoint()) {
                return; // a fallback load at start while a server checkpoint is in use: nothing to show
            }
            ui.modelBar.setStatus(status, null);
            ui.actions.showStatus(status, true);
            ui.prompts.setTokenCounts(null);
            onStateChange.run();
        }

        @Override
        public void loaded(ModelChoice choice, StableDiffusionModel model) {
            lastGoodChoice = choice;
            if (active != null && active.isServerCheckpoint()) {
                refreshChoices(); // a server checkpoint was picked meanwhile: it stays in use
                onStateChange.run();
                return;
            }
            if (pendingServerModel != null) {
                // At start the saved choice is a server checkpoint: run here until the server lists it, but keep
                // the saved choice (a server that is down now is tried again next time).
                showLocal(choice, model, false);
                return;
            }
            showLocal(choice, model, true);
        }

        @Override
        public void failed(ModelChoice choice, String userMessage) {
            if (active != null && active.isServerCheckpoint()) {
                return;
            }
            active = null;
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
                refreshChoices();
            }
            onStateChange.run();
        }
    }
}
