package dev.stepcast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A jar compiled during a test loads in its own class loader, with its resources. */
class TestJarsTest {

    @TempDir
    Path temp;

    @Test
    @SuppressWarnings("unchecked")
    void should_compile_sources_into_a_jar_that_a_class_loader_can_load() throws Exception {
        Path jar = TestJars.builder()
                .source("demo.Greeter", "package demo; public class Greeter implements java.util.function.Supplier<String> {"
                        + " public String get() { return \"hello from the jar\"; } }")
                .resource("META-INF/services/java.util.function.Supplier", "demo.Greeter\n")
                .build(temp.resolve("plugins/greeter.jar"));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            Supplier<String> greeter = (Supplier<String>) loader.loadClass("demo.Greeter")
                    .getDeclaredConstructor().newInstance();
            assertThat(greeter.get()).isEqualTo("hello from the jar");
            try (InputStream services = loader.getResourceAsStream("META-INF/services/java.util.function.Supplier")) {
                assertThat(new String(services.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("demo.Greeter\n");
            }
        }
    }

    @Test
    void should_report_the_compiler_messages_when_a_source_does_not_compile() {
        assertThatThrownBy(() -> TestJars.builder().source("demo.Broken", "package demo; class Broken { int x = ; }")
                .build(temp.resolve("broken.jar")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Broken.java");
    }
}
