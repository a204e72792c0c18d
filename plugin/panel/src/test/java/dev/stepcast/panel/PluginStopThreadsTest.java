package dev.stepcast.panel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.testkit.Waits;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stopping the plugin leaves none of its threads running (a static executor would pin its class loader). */
class PluginStopThreadsTest extends PanelGuiTest {

    @Test
    void should_leave_no_stepcast_thread_running_after_the_plugin_stops() {
        openHost();
        fastSettings(7);
        window.textBox("prompt").enterText("a quiet harbour");
        ctrlEnter();
        awaitResults(1);
        assertThat(stepcastThreads()).as("threads while the plugin runs").contains("stepcast-generation");

        closeHost();

        Waits.until("no stepcast-* thread left after stop (alive: " + stepcastThreads() + ")",
                () -> stepcastThreads().isEmpty());
        assertThat(stepcastThreads()).isEmpty();
    }

    private static List<String> stepcastThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("stepcast-")).sorted().toList();
    }
}
