package dev.stepcast.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path temp;

    @Test
    void write_replaces_the_old_content_and_leaves_no_temporary_file() throws IOException {
        Path file = temp.resolve("out.json");
        Files.writeString(file, "old");
        AtomicFiles.writeString(file, "new content");
        assertThat(file).hasContent("new content");
        assertThat(names()).containsExactly("out.json");
    }

    @Test
    void a_failure_mid_write_keeps_the_old_file_byte_for_byte_and_cleans_up() throws IOException {
        Path file = temp.resolve("image.png");
        Files.writeString(file, "the old picture");
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write("half a pict".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(file).hasContent("the old picture");
        assertThat(names()).containsExactly("image.png");
    }

    @Test
    void write_creates_missing_folders() throws IOException {
        Path file = temp.resolve("a/b/c.npy");
        AtomicFiles.write(file, new byte[] {1, 2, 3});
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
    }

    @Test
    void an_existing_folder_is_not_writable_as_a_file() {
        assertThatThrownBy(() -> AtomicFiles.checkWritable(temp))
                .isInstanceOf(AtomicFiles.NotWritableException.class)
                .hasMessage(temp + " is a folder, not a file name");
    }

    @Test
    void proc_is_refused_with_the_reason_and_nothing_written() {
        assertThatThrownBy(() -> AtomicFiles.checkWritable(Path.of("/proc/x.png")))
                .isInstanceOf(AtomicFiles.NotWritableException.class)
                .hasMessageStartingWith("cannot write /proc/x.png: the folder /proc does not accept new files (");
    }

    @Test
    void a_file_in_place_of_the_folder_is_named() throws IOException {
        Path blocker = temp.resolve("blocker");
        Files.writeString(blocker, "x");
        assertThatThrownBy(() -> AtomicFiles.checkWritable(blocker.resolve("out.png")))
                .hasMessage("cannot write " + blocker.resolve("out.png") + ": " + blocker + " is a file, not a folder");
    }

    @Test
    void a_writable_path_passes_and_leaves_nothing_behind() throws IOException {
        AtomicFiles.checkWritable(temp.resolve("new/out.png"));
        try (Stream<Path> files = Files.list(temp.resolve("new"))) {
            assertThat(files).isEmpty();
        }
    }

    private java.util.List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(temp)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
