package dev.stepcast.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs the {@code stepcast-install} command line in-process against real folders and real jar files, and checks
 * exit codes, messages and what ends up in the plugins folder.
 */
class StepcastInstallTest {

    @TempDir
    Path temp;

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine commandLine = StepcastInstall.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path newPlugin(String version) throws IOException {
        return PluginJars.stepcast(temp.resolve("build/" + version + "/stepcast.jar"), version);
    }

    private static List<String> fileNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void should_install_into_an_empty_folder_as_stepcast_version_jar() throws IOException {
        Path plugins = Files.createDirectory(temp.resolve("plugins"));
        Path jar = newPlugin("0.1.0");

        Run run = run("install", plugins.toString(), "--jar", jar.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fileNames(plugins)).containsExactly("stepcast-0.1.0.jar");
        assertThat(Files.readAllBytes(plugins.resolve("stepcast-0.1.0.jar"))).isEqualTo(Files.readAllBytes(jar));
        assertThat(run.out()).contains("Installed Stepcast 0.1.0");
    }

    @Test
    void should_replace_an_older_version_and_leave_other_jars_alone_when_upgrading() throws IOException {
        Path plugins = Files.createDirectory(temp.resolve("plugins"));
        PluginJars.stepcast(plugins.resolve("stepcast-0.0.9.jar"), "0.0.9");
        PluginJars.otherPlugin(plugins.resolve("other-plugin.jar"));
        Files.writeString(plugins.resolve("stepcast-host-stub.jar"), "not a plugin, named like the host stub");
        Files.writeString(plugins.resolve("notes.txt"), "keep me");

        Run run = run("install", plugins.toString(), "--jar", newPlugin("0.1.0").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fileNames(plugins)).containsExactly(
                "notes.txt", "other-plugin.jar", "stepcast-0.1.0.jar", "stepcast-host-stub.jar");
        assertThat(run.out()).contains("Removed stepcast-0.0.9.jar (Stepcast 0.0.9)");
    }

    @Test
    void should_remove_a_stepcast_plugin_jar_under_another_name_when_installing() throws IOException {
        Path plugins = Files.createDirectory(temp.resolve("plugins"));
        PluginJars.stepcast(plugins.resolve("my-copy-of-stepcast.jar"), "0.0.5");

        Run run = run("install", plugins.toString(), "--jar", newPlugin("0.1.0").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fileNames(plugins)).containsExactly("stepcast-0.1.0.jar");
    }

    @Test
    void should_overwrite_the_same_version_in_place_and_clean_temp_files_of_an_interrupted_install()
            throws IOException {
        Path plugins = Files.createDirectory(temp.resolve("plugins"));
        PluginJars.stepcast(plugins.resolve("stepcast-0.1.0.jar"), "0.1.0-old-bytes");
        Files.writeString(plugins.resolve(PluginFolder.TEMP_PREFIX + "123" + PluginFolder.TEMP_SUFFIX), "half");
        Path jar = newPlugin("0.1.0");

        Run run = run("install", plugins.toString(), "--jar", jar.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fileNames(plugins)).containsExactly("stepcast-0.1.0.jar");
        assertThat(Files.readAllBytes(plugins.resolve("stepcast-0.1.0.jar"))).isEqualTo(Files.readAllBytes(jar));
    }

    @Test
    void should_remove_every_stepcast_jar_when_uninstalling() throws IOException {
        Path plugins = Files.createDirectory(temp.resolve("plugins"));
        run("install", plugins.toString(), "--jar", newPlugin("0.1.0").toString());
        PluginJars.otherPlugin(plugins.resolve("other-plugin.jar"));

        Run run = run("uninstall", plugins.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fileNames(plugins)).containsExactly("other-plugin.jar");
        assertThat(run.out()).contains("Removed stepcast-0.1.0.jar");
        assertThat(run("status", plugins.toString()).out()).contains("Stepcast is not installed");
    }

    @Test
    void should_succeed_and_say_so_when_uninstalling_from_a_folder_without_stepcast() throws IOException {
        Path plugins = Files.createDirectory(temp.resolve("plugins"));

        Run run = run("uninstall", plugins.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("nothing to remove");
    }

    @Test
    void should_refuse_with_exit_code_2_when_the_folder_does_not_exist() throws IOException {
        Path missing = temp.resolve("no-such-host/plugins");

        Run install = run("install", missing.toString(), "--jar", newPlugin("0.1.0").toString());
        Run uninstall = run("uninstall", missing.toString());

        assertThat(install.exitCode()).isEqualTo(2);
        assertThat(install.err()).contains("Plugins folder does not exist: " + missing);
        assertThat(uninstall.exitCode()).isEqualTo(2);
        assertThat(missing).doesNotExist();
    }

    @Test
    void should_refuse_with_exit_code_2_when_the_folder_is_a_file() throws IOException {
        Path file = Files.writeString(temp.resolve("plugins"), "a file");

        Run run = run("install", file.toString(), "--jar", newPlugin("0.1.0").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Not a folder: " + file);
    }

    @Test
    void should_refuse_with_exit_code_2_a_jar_that_is_not_a_stepcast_plugin() throws IOException {
        Path plugins = Files.createDirectory(temp.resolve("plugins"));
        PluginJars.stepcast(plugins.resolve("stepcast-0.0.9.jar"), "0.0.9");
        Path other = PluginJars.otherPlugin(temp.resolve("other.jar"));

        Run run = run("install", plugins.toString(), "--jar", other.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Not a Stepcast plugin jar: " + other);
        assertThat(fileNames(plugins)).containsExactly("stepcast-0.0.9.jar");
    }

    @Test
    void should_refuse_with_exit_code_2_a_missing_jar() {
        Run run = run("install", temp.toString(), "--jar", temp.resolve("nope.jar").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Plugin jar not found or not readable");
    }

    @Test
    void should_report_the_installed_version_in_status() throws IOException {
        Path plugins = Files.createDirectory(temp.resolve("plugins"));
        run("install", plugins.toString(), "--jar", newPlugin("0.2.0").toString());

        Run run = run("status", plugins.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Stepcast 0.2.0: " + plugins.resolve("stepcast-0.2.0.jar"));
    }
}
