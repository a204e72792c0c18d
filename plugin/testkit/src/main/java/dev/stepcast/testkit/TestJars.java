package dev.stepcast.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a jar during a test: compiles Java sources with the system Java compiler against the test's class path and
 * packs the classes with extra resources (e.g. {@code META-INF/services/...}) into a jar.
 *
 * <pre>{@code
 * Path jar = TestJars.builder()
 *         .source("demo.HelloPlugin", "package demo; public class HelloPlugin implements ... { ... }")
 *         .resource("META-INF/services/dev.stepcast.host.EditorPlugin", "demo.HelloPlugin\n")
 *         .build(pluginsFolder.resolve("hello.jar"));
 * }</pre>
 *
 * <p><b>Threads:</b> any thread; a builder is used by one thread at a time.
 */
public final class TestJars {

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, byte[]> resources = new LinkedHashMap<>();

    private TestJars() {
    }

    /** A new, empty jar builder. */
    public static TestJars builder() {
        return new TestJars();
    }

    /** Adds a Java source for the class {@code binaryName} (e.g. {@code "demo.HelloPlugin"}). */
    public TestJars source(String binaryName, String javaSource) {
        sources.put(binaryName, javaSource);
        return this;
    }

    /** Adds a resource entry, e.g. {@code "META-INF/services/dev.stepcast.host.EditorPlugin"}, as UTF-8 text. */
    public TestJars resource(String entryName, String text) {
        resources.put(entryName, text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /**
     * Compiles the sources (release 17, against {@code java.class.path}) and writes the jar to {@code jar}.
     *
     * @return {@code jar}
     * @throws IllegalStateException with the compiler's messages if the sources do not compile
     */
    public Path build(Path jar) throws IOException {
        Path work = Files.createTempDirectory("stepcast-testjar");
        Path src = work.resolve("src");
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", classes.toString(),
                "-classpath", System.getProperty("java.class.path")));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        compile(args);
        Files.createDirectories(jar.toAbsolutePath().getParent());
        writeJar(classes, jar);
        return jar;
    }

    private static void compile(List<String> args) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
        }
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = compiler.run(null, OutputStream.nullOutputStream(), messages, args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("test sources do not compile:\n"
                    + messages.toString(StandardCharsets.UTF_8));
        }
    }

    private void writeJar(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                put(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
            for (Map.Entry<String, byte[]> e : resources.entrySet()) {
                put(out, e.getKey(), e.getValue());
            }
        }
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
