package dev.stepcast.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder the kernel will not let anyone create files in (/proc) is refused with one clear line, exit 2. */
class ProcFolderTest {

    @TempDir
    Path temp;

    @Test
    void install_into_proc_is_refused_with_the_reason() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux /proc needed");
        Path jar = PluginJars.stepcast(temp.resolve("build/stepcast.jar"), "0.1.0");

        StepcastInstallTest.Run run = StepcastInstallTest.run("install", "/proc", "--jar", jar.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        // Root may write /proc by its permission bits, and learns only from the kernel that no file can be made;
        // anyone else is told by the bits
        String expected = Files.isWritable(Path.of("/proc")) ? "Plugins folder does not accept new files: /proc ("
                : "Plugins folder is not writable: /proc";
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith(expected)
                .doesNotContain("Failed").doesNotContain(".part");
    }
}
