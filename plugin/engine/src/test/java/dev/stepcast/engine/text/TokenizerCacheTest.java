package dev.stepcast.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.CacheFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compact tokenizer cache: same ids as the files, never stale, never in the way. */
class TokenizerCacheTest {

    private static final List<String> PROMPTS = List.of("a photo of a cat", "Hello, world!", "",
            "masterpiece, (ultra-detailed:1.2), 8k uhd, café 日本語 🙂 they've", "<|startoftext|>x<|endoftext|>",
            "a very long prompt " + "with many words ".repeat(40));

    @TempDir
    Path cache;
    private String previous;

    @BeforeEach
    void pointTheCacheAtATemporaryFolder() {
        previous = System.getProperty(CacheFolder.PROPERTY);
        System.setProperty(CacheFolder.PROPERTY, cache.toString());
    }

    @AfterEach
    void restoreTheCache() {
        if (previous == null) {
            System.clearProperty(CacheFolder.PROPERTY);
        } else {
            System.setProperty(CacheFolder.PROPERTY, previous);
        }
    }

    @Test
    void should_write_a_cache_on_first_load_and_give_identical_ids_from_it() throws Exception {
        ClipTokenizer fromFiles = ClipTokenizer.load(ClipFiles.folder());
        assertThat(cacheFiles()).hasSize(1);

        ClipTokenizer fromCache = ClipTokenizer.load(ClipFiles.folder());

        for (String prompt : PROMPTS) {
            assertThat(fromCache.encode(prompt)).as(prompt).containsExactly(fromFiles.encode(prompt));
        }
        assertThat(fromCache.padId()).isEqualTo(fromFiles.padId());
        assertThat(fromCache.encode("a photo of a cat")).containsExactly(49406, 320, 1125, 539, 320, 2368, 49407);
    }

    @Test
    void should_not_use_the_cache_of_an_edited_tokenizer(@TempDir Path dir) throws Exception {
        copyClip(dir);
        ClipTokenizer original = ClipTokenizer.load(dir);
        // "cat</w>" becomes id 7 in the edited vocabulary
        String vocab = Files.readString(dir.resolve("vocab.json")).replace("\"cat</w>\": 2368", "\"cat</w>\": 7");
        Files.writeString(dir.resolve("vocab.json"), vocab);
        Files.setLastModifiedTime(dir.resolve("vocab.json"), FileTime.fromMillis(1_000_000));

        ClipTokenizer edited = ClipTokenizer.load(dir);

        assertThat(original.encode("cat")).containsExactly(49406, 2368, 49407);
        assertThat(edited.encode("cat")).containsExactly(49406, 7, 49407);
        assertThat(cacheFiles()).hasSize(2);
    }

    @Test
    void should_ignore_and_replace_a_corrupt_cache_file() throws Exception {
        ClipTokenizer.load(ClipFiles.folder());
        Path file = cacheFiles().get(0);
        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});

        ClipTokenizer tokenizer = ClipTokenizer.load(ClipFiles.folder());

        assertThat(tokenizer.encode("a photo of a cat")).containsExactly(49406, 320, 1125, 539, 320, 2368, 49407);
        assertThat(Files.size(file)).isGreaterThan(1_000_000L);
    }

    @Test
    void should_load_from_the_files_when_the_cache_folder_cannot_be_written() throws Exception {
        Path notAFolder = cache.resolve("file");
        Files.writeString(notAFolder, "x");
        System.setProperty(CacheFolder.PROPERTY, notAFolder.toString());

        ClipTokenizer tokenizer = ClipTokenizer.load(ClipFiles.folder());

        assertThat(tokenizer.encode("Hello, world!")).containsExactly(49406, 3306, 267, 1002, 256, 49407);
    }

    @Test
    void should_look_up_every_key_of_a_table_including_non_ascii_and_prefixes() {
        Map<String, Integer> map = new HashMap<>();
        List<String> keys = List.of("a", "ab", "abc", "b", "é", "日本", "日", "🙂", "z</w>", "a b", "a bc");
        for (int i = 0; i < keys.size(); i++) {
            map.put(keys.get(i), i * 3);
        }

        TokenTable table = TokenTable.of(map);

        for (String key : keys) {
            assertThat(table.get(key, -1)).as(key).isEqualTo(map.get(key));
        }
        assertThat(table.get("abcd", -1)).isEqualTo(-1);
        assertThat(table.get("", -1)).isEqualTo(-1);
        assertThat(table.get("日本語", -2)).isEqualTo(-2);
        assertThat(table.size()).isEqualTo(keys.size());
    }

    private List<Path> cacheFiles() throws IOException {
        Path folder = CacheFolder.stepcast().resolve("tokenizers");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".bin")).sorted().toList();
        }
    }

    private static void copyClip(Path dir) throws IOException {
        for (String name : List.of("vocab.json", "merges.txt")) {
            Files.copy(ClipFiles.folder().resolve(name), dir.resolve(name));
        }
    }
}
