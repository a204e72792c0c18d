package dev.stepcast.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CancellationTokenTest {

    private static final int ROUNDS = 3_000;
    private static final int THREADS = 4;

    @Test
    void should_run_each_hook_exactly_once_when_many_threads_cancel_at_the_same_time() throws Exception {
        List<String> twice = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            CancellationToken token = new CancellationToken();
            AtomicInteger runs = new AtomicInteger();
            token.onCancel(runs::incrementAndGet);
            race(THREADS, token::cancel);
            if (runs.get() != 1) {
                twice.add("round " + round + ": " + runs.get() + " runs");
            }
        }
        assertThat(twice).as("rounds whose hook did not run exactly once").isEmpty();
    }

    @Test
    void should_run_a_hook_registered_while_another_thread_cancels_exactly_once() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            CancellationToken token = new CancellationToken();
            AtomicInteger runs = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            Thread canceller = new Thread(() -> {
                await(go);
                token.cancel();
            });
            canceller.start();
            go.countDown();
            token.onCancel(runs::incrementAndGet);
            canceller.join();
            if (runs.get() != 1) {
                wrong.add("round " + round + ": " + runs.get() + " runs");
            }
        }
        assertThat(wrong).as("rounds whose late hook did not run exactly once").isEmpty();
    }

    @Test
    void should_not_run_a_hook_that_was_unregistered_before_cancel() {
        CancellationToken token = new CancellationToken();
        AtomicInteger runs = new AtomicInteger();
        token.onCancel(runs::incrementAndGet).close();

        token.cancel();

        assertThat(runs.get()).isZero();
        assertThat(token.isCancelled()).as("cancelled after cancel()").isEqualTo(true);
    }

    private static void race(int threads, Runnable action) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                ready.countDown();
                await(go);
                action.run();
            });
            t.start();
            all.add(t);
        }
        ready.await();
        go.countDown();
        for (Thread t : all) {
            t.join();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
