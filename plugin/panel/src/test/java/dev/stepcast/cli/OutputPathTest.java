package dev.stepcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.synthetic.SyntheticOptions;
import dev.stepcast.engine.testing.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output paths are checked before any work, and outputs are written whole or not at all. */
class OutputPathTest {

    @TempDir
    Path temp;

    @Test
    void out_into_proc_is_refused_before_the_model_is_even_loaded() throws IOException {
        Path empty = Files.createDirectories(temp.resolve("not-a-model"));
        CliRun run = CliRun.of("generate", "--model", empty.toString(), "--prompt", "x", "--out", "/proc/x.png");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("stepcast: --out: cannot write /proc/x.png: the folder /proc does not accept new files");
    }

    @Test
    void out_naming_an_existing_folder_is_refused_with_one_line() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("pictures"));
        CliRun run = CliRun.of("generate", "--model", TestModels.write(temp, SyntheticOptions.defaults()).toString(),
                "--prompt", "x", "--out", folder.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
                .isEqualTo("stepcast: --out: " + folder + " is a folder, not a file name");
    }

    @Test
    void latents_out_into_proc_is_refused_before_generating() {
        CliRun run = CliRun.of("generate", "--model", TestModels.write(temp, SyntheticOptions.defaults()).toString(),
                "--prompt", "x", "--out", temp.resolve("ok.png").toString(), "--latents-out", "/proc/l.npy");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("stepcast: --latents-out: cannot write /proc/l.npy");
        assertThat(temp.resolve("ok.png")).doesNotExist();
    }

    @Test
    void bench_json_out_into_proc_is_refused_before_benching() {
        CliRun run = CliRun.of("bench", "--runs", "1", "--json-out", "/proc/bench.json");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("stepcast: --json-out: cannot write /proc/bench.json");
    }

    @Test
    void generate_overwrites_an_old_png_through_a_temporary_file_and_leaves_none_behind() throws IOException {
        Path out = Files.createDirectories(temp.resolve("out")).resolve("a.png");
        Files.writeString(out, "old");
        CliRun run = CliRun.of("generate", "--model", TestModels.write(temp, SyntheticOptions.defaults()).toString(),
                "--prompt", "x", "--steps", "1", "--width", "32", "--height", "32", "--out", out.toString(),
                "--latents-out", temp.resolve("out/a.npy").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("a.npy", "a.png");
        }
        assertThat(Files.readAllBytes(out)).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void init_image_naming_a_folder_says_it_is_a_folder() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("pictures"));
        CliRun run = CliRun.of("generate", "--model", TestModels.write(temp, SyntheticOptions.defaults()).toString(),
                "--prompt", "x", "--out", temp.resolve("o.png").toString(), "--init-image", folder.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
                .isEqualTo("stepcast: --init-image " + folder + " is a folder, not a file");
    }

    @Test
    void latents_in_with_non_finite_values_are_refused() throws IOException {
        float[] values = new float[4 * 4 * 4];
        java.util.Arrays.fill(values, Float.NaN);
        Path npy = temp.resolve("nan.npy");
        Npy.write(npy, dev.stepcast.engine.FloatTensor.wrap(values, 1, 4, 4, 4));
        CliRun run = CliRun.of("generate", "--model", TestModels.write(temp, SyntheticOptions.defaults()).toString(),
                "--prompt", "x", "--width", "32", "--height", "32", "--out", temp.resolve("o.png").toString(),
                "--latents-in", npy.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
                .isEqualTo("stepcast: " + npy + ": 64 of 64 latent values are not finite (NaN or infinite)");
        assertThat(temp.resolve("o.png")).doesNotExist();
    }

    @Test
    void a_size_too_large_for_the_machine_is_refused_at_once_naming_the_largest_that_fits() {
        CliRun run = CliRun.of("generate", "--model", TestModels.write(temp, SyntheticOptions.defaults()).toString(),
                "--prompt", "x", "--width", "100000", "--height", "100000", "--out", temp.resolve("o.png").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("stepcast: 100000×100000 is too large for this machine").contains("the largest that fits is");
    }
}
