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

        assertThat(Files.readString(store.file())).contains("\"version\" : 2");
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
        Files.writeString(dir.resolve("settings.json"), "{\"version\": 3, \"newThing\": true}");

        SettingsStore.Loaded loaded = new SettingsStore(dir, clock).load();

        assertThat(dir.resolve("settings.json.v3-20261125-185700")).exists();
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

    @Test
    void should_migrate_a_version_1_file_keeping_everything_and_adding_no_servers() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"version\": 1, \"preview\": {\"interval\": 4, "
                + "\"method\": \"FULL\", \"keepWhenInactive\": true}, \"executionProvider\": \"CPU\", "
                + "\"modelFolders\": [\"/m/a\"], \"selectedModel\": \"/m/a\", \"historyLimitMb\": 70, "
                + "\"form\": {\"prompt\": \"a boat\", \"steps\": 12}}");
        SettingsStore store = new SettingsStore(dir, clock);

        SettingsStore.Loaded loaded = store.load();

        assertThat(loaded.problem()).isEmpty();
        Settings s = loaded.settings();
        assertThat(s.version()).isEqualTo(2);
        assertThat(s.preview()).isEqualTo(new Settings.PreviewPrefs(4, "FULL", true, null));
        assertThat(s.executionProvider()).isEqualTo("CPU");
        assertThat(s.selectedModel()).isEqualTo("/m/a");
        assertThat(s.historyLimitMb()).isEqualTo(70);
        assertThat(s.form().prompt()).isEqualTo("a boat");
        assertThat(s.servers()).isEmpty();
        assertThat(s.remote()).isEqualTo(new Settings.RemotePrefs(3, 30, 250));
        assertThat(s.selectedServerModel()).isNull();
        store.save(s);
        assertThat(Files.readString(store.file())).contains("\"version\" : 2").contains("\"servers\" : [ ]");
    }

    @Test
    void should_keep_servers_and_the_selected_server_checkpoint_but_never_a_password() throws Exception {
        SettingsStore store = new SettingsStore(dir, clock);
        Settings settings = Settings.defaults()
                .withServers(List.of(new Settings.ServerPrefs("gpu-box", "http://painter:s3cret-pw@gpu-box:7860/",
                                "SDAPI", null),
                        new Settings.ServerPrefs("comfy", "http://10.0.0.5:8188", "comfyui", null)))
                .withRemote(new Settings.RemotePrefs(5, 120, 1000))
                .withSelectedServerModel(new Settings.ServerModel("comfy", "sd15.safetensors"));

        store.save(settings);

        String file = Files.readString(store.file());
        assertThat(file).doesNotContain("s3cret-pw").contains("\"url\" : \"http://gpu-box:7860\"");
        Settings read = new SettingsStore(dir, clock).load().settings();
        assertThat(read).isEqualTo(settings);
        assertThat(read.servers().get(0)).isEqualTo(
                new Settings.ServerPrefs("gpu-box", "http://gpu-box:7860", "sdapi", "painter"));
        assertThat(read.server("comfy").map(Settings.ServerPrefs::protocol)).hasValue("comfyui");
        assertThat(read.selectedServerModel().checkpoint()).isEqualTo("sd15.safetensors");
        assertThat(read.withSelectedModel(null).selectedServerModel()).isNull();
    }

    @Test
    void should_drop_a_second_server_with_the_same_name_and_clamp_remote_values() {
        Settings s = Settings.defaults()
                .withServers(List.of(new Settings.ServerPrefs("a", "http://h1:1", "auto", null),
                        new Settings.ServerPrefs("a", "http://h2:2", "auto", null)))
                .withRemote(new Settings.RemotePrefs(0, 9999, 10));

        assertThat(s.servers()).extracting(Settings.ServerPrefs::url).containsExactly("http://h1:1");
        assertThat(s.remote()).isEqualTo(new Settings.RemotePrefs(3, 600, 50));
    }

    @Test
    void should_set_aside_binary_garbage_byte_for_byte_before_anything_is_written() throws Exception {
        byte[] garbage = {(byte) 0xFF, (byte) 0xFE, 0x00, 0x7B, (byte) 0xC3, 0x28, (byte) 0x80, 0x0A};
        Files.write(dir.resolve("settings.json"), garbage);
        SettingsStore store = new SettingsStore(dir, clock);

        SettingsStore.Loaded loaded = store.load();
        store.save(loaded.settings());

        Path aside = dir.resolve("settings.json.corrupt-20261125-185700");
        assertThat(Files.readAllBytes(aside)).containsExactly(garbage);
        assertThat(loaded.settings()).isEqualTo(Settings.defaults());
        assertThat(loaded.problem()).hasValueSatisfying(m -> assertThat(m)
                .contains("not valid UTF-8").contains(aside.getFileName().toString()).contains(dir.toString()));
    }

    @Test
    void should_set_aside_json_saved_as_latin_1_byte_for_byte() throws Exception {
        byte[] latin1 = "{\"version\": 2, \"selectedModel\": \"/home/jos\u00e9/sd15\"}"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("settings.json"), latin1);

        SettingsStore.Loaded loaded = new SettingsStore(dir, clock).load();

        assertThat(Files.readAllBytes(dir.resolve("settings.json.corrupt-20261125-185700"))).containsExactly(latin1);
        assertThat(dir.resolve("settings.json")).doesNotExist();
        assertThat(loaded.problem()).hasValueSatisfying(m -> assertThat(m).contains("not valid UTF-8"));
    }

    @Test
    void should_never_overwrite_an_earlier_set_aside_copy() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "first garbage");
        new SettingsStore(dir, clock).load();
        Files.writeString(dir.resolve("settings.json"), "second garbage");

        SettingsStore.Loaded loaded = new SettingsStore(dir, clock).load();

        assertThat(dir.resolve("settings.json.corrupt-20261125-185700")).hasContent("first garbage");
        assertThat(dir.resolve("settings.json.corrupt-20261125-185700-2")).hasContent("second garbage");
        assertThat(loaded.problem()).hasValueSatisfying(m -> assertThat(m)
                .contains("settings.json.corrupt-20261125-185700-2"));
    }
}
