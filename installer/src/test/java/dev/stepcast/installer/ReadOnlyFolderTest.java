package dev.stepcast.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugins folder whose permission bits forbid writing (r-x) must be refused with exit code 2 and left as it was.
 *
 * <p>As root, permission bits do not stop writes: {@code Files.isWritable} (access(2)) says yes and the copy would
 * succeed. So when the test runs as root it runs the real command line in a child JVM as user {@code nobody}
 * ({@code setpriv --reuid=65534}), for whom the bits apply; as any other user it runs in-process. Skipped (not
 * passed) if neither is possible, e.g. on Windows or without {@code setpriv}.
 */
class ReadOnlyFolderTest {

    private static final String NOBODY = "65534";

    @TempDir
    Path temp;

    private Path plugins;

    @AfterEach
    void makeDeletable() throws IOException {
        if (plugins != null) {
            Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void should_refuse_install_and_uninstall_with_exit_code_2_when_the_folder_is_read_only()
            throws IOException, InterruptedException {
        assumeTrue(File.separatorChar == '/', "POSIX permissions needed");
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        plugins = Files.createDirectory(temp.resolve("plugins"));
        PluginJars.stepcast(plugins.resolve("stepcast-0.0.9.jar"), "0.0.9");
        Path jar = PluginJars.stepcast(temp.resolve("build/stepcast.jar"), "0.1.0");
        Files.setPosixFilePermissions(jar.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("r-xr-xr-x"));

        List<String> install = List.of("install", plugins.toString(), "--jar", jar.toString());
        List<String> uninstall = List.of("uninstall", plugins.toString());
        StepcastInstallTest.Run installRun;
        StepcastInstallTest.Run uninstallRun;
        if (Files.isWritable(plugins)) {
            assumeTrue(canRunAsNobody(), "running as root without setpriv: cannot make a folder unwritable");
            installRun = runAsNobody(install);
            uninstallRun = runAsNobody(uninstall);
        } else {
            installRun = StepcastInstallTest.run(install.toArray(String[]::new));
            uninstallRun = StepcastInstallTest.run(uninstall.toArray(String[]::new));
        }

        assertThat(installRun.exitCode()).as(installRun.out() + installRun.err()).isEqualTo(2);
        assertThat(installRun.err()).contains("Plugins folder is not writable: " + plugins);
        assertThat(uninstallRun.exitCode()).as(uninstallRun.out() + uninstallRun.err()).isEqualTo(2);
        try (Stream<Path> files = Files.list(plugins)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("stepcast-0.0.9.jar");
        }
    }

    private static boolean canRunAsNobody() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv"));
    }

    /** Runs the command line in a child JVM as nobody, from a copy of the class path that nobody can read. */
    private StepcastInstallTest.Run runAsNobody(List<String> args) throws IOException, InterruptedException {
        Path classPath = publicClassPath();
        List<String> command = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + NOBODY,
                "--regid=" + NOBODY, "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath.resolve("classes") + File.pathSeparator + classPath.resolve("picocli.jar"),
                StepcastInstall.class.getName()));
        command.addAll(args);
        Path out = temp.resolve("out-" + System.nanoTime() + ".txt");
        Path err = temp.resolve("err-" + System.nanoTime() + ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isEqualTo(true);
        return new StepcastInstallTest.Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private Path publicClassPath() throws IOException {
        Path target = Files.createDirectories(temp.resolve("cp"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (path.getFileName().toString().startsWith("picocli")) {
                Files.copy(path, target.resolve("picocli.jar"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try {
            copyTree(Path.of(StepcastInstall.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                    target.resolve("classes"));
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        try (Stream<Path> files = Files.walk(temp.resolve("cp"))) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(
                        Files.isDirectory(file) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return target;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
