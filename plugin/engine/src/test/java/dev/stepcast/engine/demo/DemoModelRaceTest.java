package dev.stepcast.engine.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two first uses at once both succeed; killed installs do not leave partial folders behind for good. */
class DemoModelRaceTest {

    @TempDir
    Path temp;

    @Test
    void losing_the_rename_to_a_complete_folder_uses_the_winners_folder() throws IOException {
        Path target = complete(temp.resolve("demo-model-v" + DemoModel.VERSION));
        Path ours = Files.createDirectories(temp.resolve("demo-model-v" + DemoModel.VERSION + ".partial-1"));
        Files.writeString(ours.resolve("model_index.json"), "{}");

        // Linux: rename(2) onto a non-empty folder fails with ENOTEMPTY, reported as a plain FileSystemException
        DemoModel.moveIntoPlace(ours, target);

        assertThat(DemoModel.isInstalled(target)).as("the winner's folder is kept").isEqualTo(true);
        assertThat(target.resolve("model_index.json")).doesNotExist();
    }

    @Test
    void stale_partial_folders_are_removed_and_a_fresh_one_is_kept() throws IOException {
        Path target = complete(temp.resolve("demo-model-v" + DemoModel.VERSION));
        Path stale = Files.createDirectories(temp.resolve("demo-model-v" + DemoModel.VERSION + ".partial-111/unet"))
                .getParent();
        Files.writeString(stale.resolve("unet/model.onnx"), "half");
        Path staleOld = Files.createDirectories(temp.resolve("demo-model-v2.partial-222"));
        Path fresh = Files.createDirectories(temp.resolve("demo-model-v" + DemoModel.VERSION + ".partial-333"));
        Path unrelated = Files.createDirectories(temp.resolve("my-model.partial-444"));
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(3)));
        for (Path p : new Path[] {stale, stale.resolve("unet"), stale.resolve("unet/model.onnx"), staleOld,
                unrelated}) {
            Files.setLastModifiedTime(p, old);
        }

        DemoModel.ensureInstalled(target, p -> { });

        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly(
                    "demo-model-v" + DemoModel.VERSION, fresh.getFileName().toString(), "my-model.partial-444");
        }
    }

    private static Path complete(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(DemoModel.MARKER), DemoModel.VERSION + "\n");
        return folder;
    }
}
