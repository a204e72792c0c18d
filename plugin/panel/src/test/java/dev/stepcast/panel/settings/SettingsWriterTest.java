package dev.stepcast.panel.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.testkit.Edt;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Settings are written on the settings thread, coalesced, and closing never waits on the EDT. */
class SettingsWriterTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    @Test
    void should_write_off_the_edt_and_coalesce_saves_that_arrive_while_a_write_runs() throws Exception {
        CountDownLatch firstWriteEntered = new CountDownLatch(1);
        CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        List<String> writes = new CopyOnWriteArrayList<>();
        SettingsWriter writer = new SettingsWriter(s -> {
            writes.add(Thread.currentThread().getName() + ": " + s.historyLimitMb());
            firstWriteEntered.countDown();
            awaitQuietly(releaseFirstWrite);
        }, e -> { });
        Settings base = Settings.defaults();

        Edt.run(() -> writer.save(base.withHistoryLimitMb(101)));
        assertThat(firstWriteEntered.await(30, TimeUnit.SECONDS)).as("first write started").isEqualTo(true);
        Edt.run(() -> {
            writer.save(base.withHistoryLimitMb(102));
            writer.save(base.withHistoryLimitMb(103));
            writer.save(base.withHistoryLimitMb(104));
        });
        releaseFirstWrite.countDown();
        assertThat(writer.awaitIdle(LIMIT)).as("writer idle").isEqualTo(true);

        assertThat(writes).containsExactly("stepcast-settings: 101", "stepcast-settings: 104");
        writer.close();
    }

    @Test
    void should_return_from_close_on_the_edt_while_a_write_is_still_running_and_finish_it_afterwards()
            throws Exception {
        CountDownLatch writeEntered = new CountDownLatch(1);
        CountDownLatch releaseWrite = new CountDownLatch(1);
        List<Integer> written = new CopyOnWriteArrayList<>();
        SettingsWriter writer = new SettingsWriter(s -> {
            writeEntered.countDown();
            awaitQuietly(releaseWrite);
            written.add(s.historyLimitMb());
        }, e -> { });
        Settings base = Settings.defaults();
        Edt.run(() -> writer.save(base.withHistoryLimitMb(201)));
        assertThat(writeEntered.await(30, TimeUnit.SECONDS)).as("write started").isEqualTo(true);

        Edt.run(() -> {
            writer.save(base.withHistoryLimitMb(202));
            writer.close(); // must not wait for the blocked write
        });
        List<Integer> writtenWhenCloseReturned = List.copyOf(written);
        releaseWrite.countDown();
        assertThat(writer.awaitIdle(LIMIT)).as("writer finished").isEqualTo(true);

        assertThat(writtenWhenCloseReturned).isEmpty();
        assertThat(written).containsExactly(201, 202);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
