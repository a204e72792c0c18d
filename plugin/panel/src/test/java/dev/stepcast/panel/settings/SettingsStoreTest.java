package dev.stepcast.panel.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T18:57:00Z"), ZoneOffset.UTC);

    @Test
    void should_give_defaults_without_a_problem_when_there_is_no_file() {
        SettingsStore.Loaded loaded = new SettingsStore(dir, clock).load();

        assertThat(loaded.settings()).isEqualTo(Settings.defaults());
        assertThat(loaded.problem()).isEmpty();
    }

    @Test
    void should_read_back_what_it_saved_with_a_version() throws Exception {
        SettingsStore store = new SettingsStore(dir, clock);
        Settings settings = Settings.defaults()
                .withPreview(new Settings.PreviewPrefs(5, "APPROXIMATE", true, null))
                .withExecutionProvider("CPU")
                .withSelectedModel("/models/sd15")
                .withHistoryLimitMb(50)
                .withForm(new FormState("a cat", "dog", 30, 5.5, "DDIM", 640, 384, false, 99, 3, true, 0.4));

        store.save(settings);

        assertThat(Files.readString(store.file())).contains("\"version\" : 1");
        assertThat(new SettingsStore(dir, clock).load().settings()).isEqualTo(settings);
    }

    @Test
    void should_set_aside_a_corrupt_file_and_report_where_it_went() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"version\": 1, \"preview\": {");

        SettingsStore.Loaded loaded = new SettingsStore(dir, clock).load();

        assertThat(loaded.settings()).isEqualTo(Settings.defaults());
        Path aside = dir.resolve("settings.json.corrupt-20261125-185700");
        assertThat(aside).exists().hasContent("{\"version\": 1, \"preview\": {");
        assertThat(dir.resolve("settings.json")).doesNotExist();
        assertThat(loaded.problem()).hasValueSatisfying(m -> assertThat(m)
                .contains("not valid JSON").contains(aside.getFileName().toString()).contains("defaults"));
    }

    @Test
    void should_set_aside_a_file_from_a_newer_version() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"version\": 2, \"newThing\": true}");

        SettingsStore.Loaded loaded = new SettingsStore(dir, clock).load();

        assertThat(dir.resolve("settings.json.v2-20261125-185700")).exists();
        assertThat(loaded.problem()).hasValueSatisfying(m -> assertThat(m).contains("newer Stepcast"));
    }

    @Test
    void should_set_aside_json_without_a_version() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "[1, 2, 3]");

        SettingsStore.Loaded loaded = new SettingsStore(dir, clock).load();

        assertThat(loaded.problem()).isPresent();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactly("settings.json.corrupt-20261125-185700");
        }
    }

    @Test
    void should_replace_missing_and_out_of_range_values_with_defaults() throws Exception {
        Files.writeString(dir.resolve("settings.json"),
                "{\"version\": 1, \"preview\": {\"interval\": 500}, \"historyLimitMb\": -3, "
                        + "\"form\": {\"steps\": 0, \"prompt\": \"kept\"}, \"unknownKey\": 1}");

        SettingsStore.Loaded loaded = new SettingsStore(dir, clock).load();

        assertThat(loaded.problem()).isEmpty();
        assertThat(loaded.settings().preview().interval()).isEqualTo(50);
        assertThat(loaded.settings().historyLimitMb()).isEqualTo(Settings.DEFAULT_HISTORY_MB);
        assertThat(loaded.settings().form().steps()).isEqualTo(20);
        assertThat(loaded.settings().form().prompt()).isEqualTo("kept");
    }

    @Test
    void should_keep_recent_model_folders_newest_first_without_duplicates() {
        Settings s = Settings.defaults().withSelectedModel("/a").withSelectedModel("/b").withSelectedModel("/a");

        assertThat(s.modelFolders()).isEqualTo(List.of("/a", "/b"));
        assertThat(s.withSelectedModel(null).selectedModel()).isNull();
    }
}
