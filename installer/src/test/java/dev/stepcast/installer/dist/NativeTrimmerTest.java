package dev.stepcast.installer.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-platform copy of the plugin jar keeps this platform's ORT natives and everything that is not native. */
class NativeTrimmerTest {

    @TempDir
    Path temp;

    @Test
    void should_keep_only_the_chosen_platforms_natives_and_drop_debug_symbols() throws IOException {
        Path jar = temp.resolve("stepcast.jar");
        List<String> names = List.of(JarFile.MANIFEST_NAME,
                "ai/onnxruntime/OnnxRuntime.class",
                "ai/onnxruntime/native/linux-x64/libonnxruntime.so",
                "ai/onnxruntime/native/linux-x64/libonnxruntime4j_jni.so",
                "ai/onnxruntime/native/linux-aarch64/libonnxruntime.so",
                "ai/onnxruntime/native/win-x64/onnxruntime.dll",
                "ai/onnxruntime/native/osx-aarch64/libonnxruntime.dylib",
                "ai/onnxruntime/native/osx-aarch64/libonnxruntime.dylib.dSYM/Contents/Info.plist",
                "com/formdev/flatlaf/natives/libflatlaf-linux-x86_64.so",
                "META-INF/services/dev.stepcast.host.EditorPlugin");
        writeJar(jar, names);
        Path trimmed = temp.resolve("trimmed.jar");

        NativeTrimmer.trim(jar, trimmed, "linux-x64");

        try (ZipFile zip = new ZipFile(trimmed.toFile())) {
            List<String> kept = Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
            assertThat(kept).containsExactly(JarFile.MANIFEST_NAME,
                    "ai/onnxruntime/OnnxRuntime.class",
                    "ai/onnxruntime/native/linux-x64/libonnxruntime.so",
                    "ai/onnxruntime/native/linux-x64/libonnxruntime4j_jni.so",
                    "com/formdev/flatlaf/natives/libflatlaf-linux-x86_64.so",
                    "META-INF/services/dev.stepcast.host.EditorPlugin");
            String so = new String(zip.getInputStream(zip.getEntry("ai/onnxruntime/native/linux-x64/libonnxruntime.so"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertThat(so).isEqualTo("content of ai/onnxruntime/native/linux-x64/libonnxruntime.so");
        }
    }

    @Test
    void should_trim_a_gpu_jar_in_place_to_its_platforms_cuda_provider_and_leave_no_temp_file() throws IOException {
        Path jar = temp.resolve("stepcast.jar");
        List<String> names = List.of(JarFile.MANIFEST_NAME,
                "ai/onnxruntime/native/linux-x64/libonnxruntime.so",
                "ai/onnxruntime/native/linux-x64/libonnxruntime_providers_cuda.so",
                "ai/onnxruntime/native/linux-x64/libonnxruntime_providers_shared.so",
                "ai/onnxruntime/native/win-x64/onnxruntime.dll",
                "ai/onnxruntime/native/win-x64/onnxruntime_providers_cuda.dll",
                "ai/onnxruntime/native/win-x64/onnxruntime_providers_shared.dll",
                "dev/stepcast/cli/StepcastCommand.class");
        writeJar(jar, names);

        NativeTrimmer.trimInPlace(jar, "linux-x64");

        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertThat(Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList()).containsExactly(
                    JarFile.MANIFEST_NAME,
                    "ai/onnxruntime/native/linux-x64/libonnxruntime.so",
                    "ai/onnxruntime/native/linux-x64/libonnxruntime_providers_cuda.so",
                    "ai/onnxruntime/native/linux-x64/libonnxruntime_providers_shared.so",
                    "dev/stepcast/cli/StepcastCommand.class");
        }
        try (var files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("stepcast.jar");
        }
    }

    private static void writeJar(Path jar, List<String> names) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream out = new ZipOutputStream(file)) {
            for (String name : names) {
                out.putNextEntry(new ZipEntry(name));
                out.write(("content of " + name).getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

    @Test
    void should_name_this_platform_as_onnx_runtime_does() {
        assertThat(NativeTrimmer.currentPlatform()).matches("(linux|osx|win)-(x64|aarch64|\\w+)");
    }

    @Test
    void should_turn_a_maven_version_into_a_jpackage_version() {
        assertThat(DistBuilder.numericVersion("0.1.0-SNAPSHOT")).isEqualTo("0.1.0");
        assertThat(DistBuilder.numericVersion("2.3")).isEqualTo("2.3");
        assertThat(DistBuilder.numericVersion("1.2.3.4")).isEqualTo("1.2.3");
    }
}
