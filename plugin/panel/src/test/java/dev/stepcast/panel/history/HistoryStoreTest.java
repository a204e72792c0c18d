package dev.stepcast.panel.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.panel.png.PngParameters;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryStoreTest {

    @TempDir
    Path dir;

    @Test
    void should_keep_entries_newest_first_with_their_parameters_chunk() throws Exception {
        HistoryStore store = new HistoryStore(dir, 10_000_000);

        HistoryEntry first = store.add(noise(32, 1), "one\nSteps: 20, Sampler: Euler, Seed: 1", null);
        HistoryEntry second = store.add(noise(32, 2), "two\nSteps: 20, Sampler: Euler, Seed: 2",
                new HistoryEntry.Region(10, 20, 32, 32));

        assertThat(store.entries()).extracting(HistoryEntry::id).containsExactly(second.id(), first.id());
        assertThat(PngParameters.read(store.file(second))).contains("two\nSteps: 20, Sampler: Euler, Seed: 2");
        assertThat(store.entries().get(0).generationParameters().seed()).isEqualTo(2);
    }

    @Test
    void should_survive_a_restart_with_regions_and_applied_marks() throws Exception {
        HistoryStore store = new HistoryStore(dir, 10_000_000);
        HistoryEntry entry = store.add(noise(32, 1), "x\nSteps: 5, Sampler: DDIM, Seed: 9",
                new HistoryEntry.Region(1, 2, 3, 4));
        store.markApplied(entry);

        HistoryStore reopened = new HistoryStore(dir, 10_000_000);

        assertThat(reopened.entries()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(entry.id());
            assertThat(e.applied()).as("e.applied()").isEqualTo(true);
            assertThat(e.region()).isEqualTo(new HistoryEntry.Region(1, 2, 3, 4));
        });
        assertThat(reopened.readImage(reopened.entries().get(0)).getWidth()).isEqualTo(32);
    }

    @Test
    void should_delete_the_oldest_results_when_over_the_cap_but_keep_the_newest() throws Exception {
        HistoryStore store = new HistoryStore(dir, Long.MAX_VALUE);
        HistoryEntry a = store.add(noise(64, 1), "a\nSteps: 1, Sampler: Euler, Seed: 1", null);
        long one = a.sizeBytes();
        store.add(noise(64, 2), "b\nSteps: 1, Sampler: Euler, Seed: 2", null);
        HistoryEntry c = store.add(noise(64, 3), "c\nSteps: 1, Sampler: Euler, Seed: 3", null);

        store.setCapBytes(one * 2 + one / 2);

        assertThat(store.entries()).hasSize(2).extracting(HistoryEntry::id).doesNotContain(a.id());
        assertThat(store.file(a)).doesNotExist();
        assertThat(store.sizeOnDisk()).isLessThanOrEqualTo(one * 2 + one / 2);

        store.setCapBytes(1);
        assertThat(store.entries()).extracting(HistoryEntry::id).containsExactly(c.id());
        assertThat(new HistoryStore(dir, 1).entries()).hasSize(1);
    }

    @Test
    void should_rebuild_a_lost_index_from_the_pngs() throws Exception {
        HistoryStore store = new HistoryStore(dir, 10_000_000);
        HistoryEntry entry = store.add(noise(16, 4), "kept\nSteps: 7, Sampler: Euler a, Seed: 4", null);
        Files.writeString(dir.resolve("index.json"), "garbage{");

        HistoryStore rebuilt = new HistoryStore(dir, 10_000_000);

        assertThat(rebuilt.entries()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(entry.id());
            assertThat(e.generationParameters().prompt()).isEqualTo("kept");
        });
        assertThat(dir.resolve("index.json.corrupt")).exists();
    }

    @Test
    void should_remove_an_entry_and_its_file() throws Exception {
        HistoryStore store = new HistoryStore(dir, 10_000_000);
        HistoryEntry entry = store.add(noise(16, 5), "gone\nSteps: 1, Sampler: Euler, Seed: 5", null);

        store.remove(entry);

        assertThat(store.entries()).isEmpty();
        assertThat(store.file(entry)).doesNotExist();
    }

    /** Random pixels: PNG cannot compress them, so file sizes are predictable. */
    private static BufferedImage noise(int size, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }
}
