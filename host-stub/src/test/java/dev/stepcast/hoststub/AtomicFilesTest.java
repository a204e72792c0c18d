package dev.stepcast.hoststub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path temp;

    @Test
    void a_failed_layout_write_keeps_the_old_file_and_leaves_no_temporary_file() throws IOException {
        Path layout = temp.resolve("layout.xml");
        Files.writeString(layout, "<old/>");
        assertThatThrownBy(() -> AtomicFiles.writeVia(layout, file -> {
            Files.writeString(file, "<half");
            throw new IllegalStateException("killed");
        })).hasMessage("killed");
        assertThat(layout).hasContent("<old/>");
        assertThat(names()).containsExactly("layout.xml");
    }

    @Test
    void settings_are_replaced_whole() throws IOException {
        Path settings = temp.resolve("host-stub.properties");
        Files.writeString(settings, "theme=light");
        AtomicFiles.write(settings, out -> out.write("theme=dark".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(settings).hasContent("theme=dark");
        assertThat(names()).containsExactly("host-stub.properties");
    }

    private java.util.List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(temp)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
