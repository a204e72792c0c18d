package dev.stepcast.panel.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.FloatTensor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FrameMailboxTest {

    private static PreviewFrame frame(int step) {
        return new PreviewFrame(step, FloatTensor.wrap(new float[1], 1, 1, 1, 1), step);
    }

    @Test
    void should_keep_only_the_newest_frame_and_drop_stale_ones() {
        FrameMailbox mailbox = new FrameMailbox();

        assertThat(mailbox.offer(frame(1))).isNull();
        assertThat(mailbox.offer(frame(2)).step()).isEqualTo(1);
        assertThat(mailbox.offer(frame(3)).step()).isEqualTo(2);

        assertThat(mailbox.poll().step()).isEqualTo(3);
        assertThat(mailbox.poll()).isNull();
        assertThat(mailbox.droppedCount()).isEqualTo(2);
    }

    @Test
    void should_hand_a_frame_to_a_waiting_taker() throws Exception {
        FrameMailbox mailbox = new FrameMailbox();
        CompletableFuture<PreviewFrame> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return mailbox.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        mailbox.offer(frame(7));

        assertThat(taken.get(10, TimeUnit.SECONDS).step()).isEqualTo(7);
    }

    @Test
    void should_release_a_waiting_taker_with_null_and_discard_frames_when_closed() throws Exception {
        FrameMailbox mailbox = new FrameMailbox();
        CompletableFuture<PreviewFrame> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return mailbox.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        mailbox.close();

        assertThat(taken.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(mailbox.offer(frame(1))).isNull();
        assertThat(mailbox.poll()).isNull();
    }

    @Test
    void should_discard_a_pending_frame_on_close() {
        FrameMailbox mailbox = new FrameMailbox();
        mailbox.offer(frame(4));

        mailbox.close();

        assertThat(mailbox.poll()).isNull();
    }
}
