package dev.stepcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.synthetic.SyntheticModelWriter;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import dev.stepcast.engine.testing.TestModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad arguments: one clear line on stderr, exit code 2, no stack trace, nothing written. */
class BadArgumentsTest {

    @TempDir
    Path temp;

    private Path model;

    @BeforeEach
    void writeModel() {
        model = TestModels.write(temp, SyntheticOptions.defaults());
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "--width|30|not a multiple of 8",
            "--height|0|not a multiple of 8",
            "--steps|0|must be at least 1",
            "--scheduler|warp-drive|unknown scheduler 'warp-drive'",
            "--provider|tpu|unknown provider 'tpu'",
            "--init-image|/no/such/image.png|--init-image /no/such/image.png does not exist",
            "--latents-in|/no/such/latents.npy|does not exist",
            "--model|/no/such/model|model folder /no/such/model does not exist",
            "--steps|many|'many' is not an int",
            "--frobnicate|1|Unknown option"})
    void bad_argument_is_one_line_with_exit_code_2(String option, String value, String message) {
        List<String> args = new ArrayList<>(List.of("generate", "--prompt", "x", "--out",
                temp.resolve("x.png").toString()));
        if (!option.equals("--model")) {
            args.addAll(List.of("--model", model.toString()));
        }
        args.addAll(List.of(option, value));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains(message);
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(temp.resolve("x.png")).doesNotExist();
    }

    @Test
    void size_the_unet_cannot_take_is_refused_naming_the_nearest_sizes_before_running() throws Exception {
        Path sd = SyntheticModelWriter.write(temp.resolve("sd-shaped"), SyntheticOptions.defaults(), 3);
        Path out = temp.resolve("x.png");
        CliRun run = CliRun.of("generate", "--prompt", "x", "--model", sd.toString(), "--width", "72", "--height",
                "72", "--steps", "1", "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains(
                "72×72 does not fit this UNet: sizes must be multiples of 64 px; nearest: 64×64 or 128×128");
        assertThat(out).doesNotExist();

        CliRun fits = CliRun.of("generate", "--prompt", "x", "--model", sd.toString(), "--width", "64", "--height",
                "128", "--steps", "1", "--out", out.toString());
        assertThat(fits.err()).isEmpty();
        assertThat(fits.exitCode()).isEqualTo(0);
        assertThat(out).isRegularFile();
    }

    @ParameterizedTest
    @CsvSource({"generate", "tokenize"})
    void missing_required_option_is_exit_code_2(String command) {
        CliRun run = CliRun.of(command);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains("Missing required");
    }
}
