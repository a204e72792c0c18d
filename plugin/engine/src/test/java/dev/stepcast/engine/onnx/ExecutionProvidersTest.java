package dev.stepcast.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import dev.stepcast.engine.testing.TestModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionProvidersTest {

    private static final Set<ExecutionProvider> ALL = EnumSet.of(ExecutionProvider.CPU, ExecutionProvider.CUDA,
            ExecutionProvider.DIRECTML, ExecutionProvider.COREML);

    @Test
    void auto_prefers_cuda_then_directml_then_coreml_then_cpu() {
        assertThat(ExecutionProviders.candidates(ExecutionProvider.AUTO, ALL)).containsExactly(
                ExecutionProvider.CUDA, ExecutionProvider.DIRECTML, ExecutionProvider.COREML, ExecutionProvider.CPU);
        assertThat(ExecutionProviders.candidates(ExecutionProvider.AUTO,
                EnumSet.of(ExecutionProvider.CPU, ExecutionProvider.COREML)))
                .containsExactly(ExecutionProvider.COREML, ExecutionProvider.CPU);
    }

    @Test
    void a_users_choice_comes_first_and_cpu_is_always_the_fallback() {
        assertThat(ExecutionProviders.candidates(ExecutionProvider.DIRECTML, ALL))
                .containsExactly(ExecutionProvider.DIRECTML, ExecutionProvider.CPU);
        assertThat(ExecutionProviders.candidates(ExecutionProvider.CPU, ALL)).containsExactly(ExecutionProvider.CPU);
    }

    @Test
    void a_gpu_provider_that_fails_to_start_falls_back_to_cpu_with_the_reason() throws Exception {
        List<ExecutionProvider> tried = new ArrayList<>();
        ExecutionProviders.Selection<String> s = ExecutionProviders.select(ExecutionProvider.AUTO, ALL, p -> {
            tried.add(p);
            if (p != ExecutionProvider.CPU) {
                throw new IllegalStateException(p + " driver missing\nsecond line");
            }
            return "session";
        });
        assertThat(tried).containsExactly(ExecutionProvider.CUDA, ExecutionProvider.DIRECTML,
                ExecutionProvider.COREML, ExecutionProvider.CPU);
        assertThat(s.value()).isEqualTo("session");
        assertThat(s.report().used()).isEqualTo(ExecutionProvider.CPU);
        assertThat(s.report().reason()).contains("CUDA failed to start: CUDA driver missing")
                .doesNotContain("second line");
    }

    @Test
    void a_failure_on_cpu_is_not_hidden() {
        assertThatThrownBy(() -> ExecutionProviders.select(ExecutionProvider.CPU, ALL, p -> {
            throw new IllegalArgumentException("broken model");
        })).hasMessage("broken model");
    }

    @Test
    void this_build_offers_cpu() {
        assertThat(ExecutionProviders.available()).contains(ExecutionProvider.CPU);
    }

    @Test
    void asking_for_cuda_on_a_cpu_only_build_runs_on_cpu_and_says_why(@TempDir Path temp) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(ExecutionProviders.available().contains(ExecutionProvider.CUDA));
        Path folder = TestModels.write(temp, SyntheticOptions.defaults());
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CUDA)) {
            assertThat(model.provider().requested()).isEqualTo(ExecutionProvider.CUDA);
            assertThat(model.provider().used()).isEqualTo(ExecutionProvider.CPU);
            assertThat(model.provider().fellBack()).as("model.provider().fellBack()").isEqualTo(true);
            assertThat(model.provider().summary()).startsWith("CPU — CUDA not available in this ONNX Runtime build");
        }
    }

    @Test
    void provider_names_parse_from_the_command_line() {
        assertThat(ExecutionProvider.parse("directml")).contains(ExecutionProvider.DIRECTML);
        assertThat(ExecutionProvider.parse("DML")).contains(ExecutionProvider.DIRECTML);
        assertThat(ExecutionProvider.parse(" CUDA ")).contains(ExecutionProvider.CUDA);
        assertThat(ExecutionProvider.parse("tpu")).isEmpty();
    }
}
