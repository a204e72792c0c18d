package dev.stepcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Runtime's own log lines (red ANSI lines like {@code [W:onnxruntime:…]} or {@code [E:onnxruntime:…]}) never
 * reach the terminal: a fresh JVM runs {@code stepcast generate --provider cuda} on the demo model, as a user does,
 * and its stderr holds nothing but Stepcast's own "Preparing the demo model" line. CUDA falls back to the CPU (not in
 * the CPU build; cannot start on a machine without CUDA in the -Pcuda build) and stdout's one line says why.
 */
class OrtLogStaysOffStderrTest {

    @TempDir
    Path temp;

    @Test
    void a_generate_with_a_cuda_fallback_prints_no_onnx_runtime_log_line_on_stderr() throws Exception {
        Path png = temp.resolve("out.png");
        ChildCli.Run run = ChildCli.run(temp, List.of("-Duser.home=" + temp,
                "-Dstepcast.cache=" + temp.resolve("cache")), List.of("generate", "--provider", "cuda", "--prompt",
                "a house by a lake", "--steps", "2", "--width", "64", "--height", "64", "--seed", "1", "--out",
                png.toString()));
        int code = run.exitCode();
        String out = run.out();

        List<String> errLines = run.err().lines().toList();
        assertThat(code).as("exit code; stderr: %s", errLines).isZero();
        assertThat(errLines).as("stderr").filteredOn(line -> !line.startsWith("Preparing the demo model in "))
                .isEmpty();
        assertThat(String.join("\n", errLines)).doesNotContain("onnxruntime").doesNotContain("\u001b[");
        assertThat(out.strip()).startsWith(png + ": 64×64, 2 steps").contains("CPU — CUDA")
                .doesNotContain("onnx model");
        assertThat(Files.size(png)).isPositive();
    }
}
