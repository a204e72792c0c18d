package dev.stepcast.installer.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.app.LauncherOptions;
import org.junit.jupiter.api.Test;

/** The packaged launchers start with the JVM options the memory bench measured. */
class LauncherOptionsTest {

    @Test
    void packaged_apps_use_the_launcher_options_the_memory_bench_measures() {
        assertThat(DistBuilder.STANDALONE_JAVA_OPTIONS).containsExactlyElementsOf(LauncherOptions.STANDALONE);
        assertThat(DistBuilder.HOST_STUB_JAVA_OPTIONS).containsExactlyElementsOf(LauncherOptions.HOST_STUB);
    }
}
