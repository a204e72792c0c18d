package dev.stepcast.hoststub;

import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.GuiTest;
import java.awt.Component;
import java.awt.Container;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens real host stubs (a temporary home folder per test) and always closes them before the robot cleans up.
 *
 * <p><b>Threads:</b> test thread; Swing through {@link Edt}.
 */
abstract class HostStubTestBase extends GuiTest {

    @TempDir
    Path temp;

    private HostStub stub;

    /** Options for a test: temporary home, no plugins folder, no message dialogs unless a test turns them on. */
    HostStubOptions options() {
        return HostStubOptions.defaults().withHome(temp.resolve("home")).withMessageDialogs(false);
    }

    /** Opens a host stub (closing the previous one of this test) and waits until its window shows. */
    HostStub open(HostStubOptions options) {
        closeStub();
        stub = Edt.query(() -> HostStub.open(options));
        robot().waitForIdle();
        return stub;
    }

    /** Closes the host stub opened last, if it is still open. */
    void closeStub() {
        HostStub s = stub;
        stub = null;
        if (s != null) {
            Edt.run(s::close);
        }
    }

    @Override
    protected void onTearDown() {
        closeStub();
    }

    /** The first component named {@code name} inside {@code root} (call on the EDT). */
    static Optional<Component> find(Container root, String name) {
        for (Component c : root.getComponents()) {
            if (name.equals(c.getName())) {
                return Optional.of(c);
            }
            if (c instanceof Container child) {
                Optional<Component> found = find(child, name);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
