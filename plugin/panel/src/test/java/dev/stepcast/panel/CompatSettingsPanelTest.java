package dev.stepcast.panel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.CompatOptions;
import dev.stepcast.engine.LongPrompt;
import dev.stepcast.engine.NoiseSource;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import dev.stepcast.engine.testing.TestModels;
import dev.stepcast.panel.parts.ModelChoice;
import dev.stepcast.panel.settings.Settings;
import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.assertj.swing.fixture.DialogFixture;
import org.junit.jupiter.api.Test;

/**
 * How prompts are read is a setting the painter reaches from the panel (Settings → Prompts: long prompts chunk or
 * truncate, A1111 emphasis on or off): the token counter shows A1111's counts with the real CLIP tokenizer and follows
 * the settings, the choice survives a restart and reaches the request's {@link CompatOptions}, and an unknown value
 * in the settings file is read as the default (logged, nothing set aside).
 *
 * <p>The expected counts are the real CLIP vocabulary's ({@code shared/clip}): "a", "cat", "dog", "on", "mat",
 * "break", "," and each of "(", ":", "1", ".", "3", ")" are one token each.
 */
class CompatSettingsPanelTest extends PanelGuiTest {

    /** 70 × "cat", a comma, 7 × "dog": 78 tokens; A1111 moves the 4 dogs after the comma to chunk 2. */
    private static final String LONG = "cat ".repeat(70).strip() + ", dog dog dog dog dog dog dog";

    private Path loadClipModel() {
        Path folder = TestModels.writeWithClip(temp.resolve("clip-model"), SyntheticOptions.defaults());
        Edt.run(() -> panel.controller().models().choose(ModelChoice.folder(folder)));
        Waits.until("the CLIP model is loaded", () -> panel.controller().model() != null
                && panel.controller().model().info().folder().equals(folder)
                && !panel.prompts.promptCountText().startsWith("–"), MODEL_TIMEOUT);
        return folder;
    }

    private String countOf(String prompt) {
        Edt.run(() -> panel.prompts.setPrompts(prompt, ""));
        return Edt.query(panel.prompts::promptCountText);
    }

    private void chooseInSettings(String longPrompt, boolean emphasis) {
        window.button("settings").click();
        DialogFixture dialog = window.dialog("settingsDialog");
        dialog.comboBox("longPrompt").selectItem(longPrompt);
        dialog.comboBox("longPrompt").requireSelection(longPrompt);
        if (emphasis) {
            dialog.checkBox("emphasis").check();
        } else {
            dialog.checkBox("emphasis").uncheck();
        }
        dialog.button("settingsOk").click();
        Waits.until("the dialog closed", () -> !dialog.target().isShowing());
    }

    private CompatOptions builtCompat() {
        return Edt.query(() -> {
            RequestBuilder requests = panel.controller().requests();
            return requests.jobs(requests.plan().orElseThrow(), "m").get(0).request().compat();
        });
    }

    @Test
    void should_count_tokens_as_a1111_and_follow_the_long_prompt_and_emphasis_settings() {
        openHost();
        loadClipModel();

        assertThat(countOf("a (cat:1.3) on a mat")).as("emphasis brackets are not tokens").isEqualTo("5/75");
        assertThat(countOf("a cat BREAK a dog")).as("BREAK closes chunk 1: 75 + 2").isEqualTo("77/150");
        assertThat(countOf(LONG)).as("comma backtracking: 71 + 4 dogs in chunk 1 → 75 + 7").isEqualTo("82/150");
        Edt.run(() -> panel.prompts.setPrompts("", "cat ".repeat(80)));
        assertThat(Edt.query(panel.prompts::negativeCountText)).as("the negative prompt too").isEqualTo("80/150");

        chooseInSettings("Truncate at 75 tokens (diffusers)", true);

        assertThat(countOf(LONG)).as("all 78 tokens, the first 75 used").isEqualTo("78/75 truncated");
        assertThat(countOf("a cat BREAK a dog")).as("truncate reads BREAK as nothing").isEqualTo("4/75");
        assertThat(countOf("a (cat:1.3) on a mat")).isEqualTo("5/75");

        chooseInSettings("Chunk, 75 tokens each (A1111)", false);

        assertThat(countOf("a (cat:1.3) on a mat")).as("brackets, colon and digits are tokens")
                .isEqualTo("11/75");
        assertThat(countOf("a cat BREAK a dog")).as("BREAK is the word \"break\"").isEqualTo("5/75");
        assertThat(countOf(LONG)).isEqualTo("82/150");
    }

    @Test
    void should_keep_the_prompt_settings_across_a_restart_and_send_them_with_the_request() throws Exception {
        openHost();
        assertThat(builtCompat()).as("A1111's defaults").isEqualTo(CompatOptions.DEFAULTS);
        Edt.run(() -> panel.parameters.setNoiseSource(NoiseSource.TORCH_CPU));
        chooseInSettings("Truncate at 75 tokens (diffusers)", false);
        assertThat(builtCompat()).isEqualTo(new CompatOptions(NoiseSource.TORCH_CPU, LongPrompt.TRUNCATE, false));
        Path folder = Edt.query(() -> stub.host().pluginDataFolder(StepcastPanel.PLUGIN_ID));
        closeHost();

        String file = Files.readString(folder.resolve("settings.json"));
        assertThat(file).contains("\"longPrompt\" : \"truncate\"").contains("\"emphasis\" : \"none\"");

        openHost();

        assertThat(Edt.query(() -> panel.controller().settings().compat()))
                .isEqualTo(Settings.CompatPrefs.of(LongPrompt.TRUNCATE, false));
        assertThat(builtCompat()).isEqualTo(new CompatOptions(NoiseSource.TORCH_CPU, LongPrompt.TRUNCATE, false));
        window.button("settings").click();
        DialogFixture again = window.dialog("settingsDialog");
        again.comboBox("longPrompt").requireSelection("Truncate at 75 tokens (diffusers)");
        again.checkBox("emphasis").requireNotSelected();
        again.button("settingsCancel").click();

        fastSettings(3);
        Edt.run(() -> panel.prompts.setPrompts("a (red:1.3) barn", ""));
        Edt.run(panel.controller()::generate);
        awaitResults(1);
        assertThat(Edt.query(() -> panel.history.items().get(0).entry().parameters()))
                .as("what the engine ran, in the PNG").contains("RNG: CPU").contains("Emphasis: None");
    }

    @Test
    void should_read_unknown_prompt_settings_as_the_defaults_and_log_them() throws Exception {
        openHost();
        Path folder = Edt.query(() -> stub.host().pluginDataFolder(StepcastPanel.PLUGIN_ID));
        closeHost();
        Files.writeString(folder.resolve("settings.json"), "{\"version\": 2, \"form\": {\"prompt\": \"a red barn\","
                + " \"rng\": \"dice\"}, \"compat\": {\"longPrompt\": \"sideways\", \"emphasis\": 7}}");
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        try {
            openHost();
        } finally {
            root.removeHandler(handler);
        }

        assertThat(Edt.query(panel.prompts::prompt)).as("the rest of the file is kept").isEqualTo("a red barn");
        assertThat(Edt.query(() -> panel.controller().settings().compat())).isEqualTo(Settings.CompatPrefs.defaults());
        assertThat(builtCompat()).isEqualTo(CompatOptions.DEFAULTS);
        assertThat(Edt.query(panel.messages::isShowing)).as("no warning: the file was usable").isEqualTo(false);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("corrupt"));
        }
        assertThat(logged).anySatisfy(m -> assertThat(m).contains("sideways").contains("\"chunk\""))
                .anySatisfy(m -> assertThat(m).contains("\"7\"").contains("\"original\""))
                .anySatisfy(m -> assertThat(m).contains("dice").contains("a1111-nv"));
    }
}
