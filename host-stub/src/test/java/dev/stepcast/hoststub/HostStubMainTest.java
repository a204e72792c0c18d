package dev.stepcast.hoststub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where the launcher looks for plugins by default. */
class HostStubMainTest {

    @Test
    void should_default_the_plugins_folder_to_plugins_beside_the_code_source() throws Exception {
        Path codeSource = Path.of(HostStubMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        Path folder = HostStubMain.defaultPluginsFolder();

        // in the build the code source is target/classes (a folder); from the shaded jar it is the jar's folder
        assertThat(folder).isEqualTo(codeSource.resolve("plugins"));
    }
}
