package dev.lightbox.jobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerSlotsTest {

    @Test
    void growingHandsOutNewSlotsAtOnce() throws Exception {
        var slots = new WorkerSlots(2);
        assertThat(slots.awaitFree()).containsExactly(0, 1);
        assertThat(slots.available()).isZero();
        slots.resize(4);
        assertThat(slots.awaitFree()).containsExactly(2, 3);
    }

    @Test
    void shrinkingLetsRunningJobsFinishAndHandsOutNothingUntilBelowTheNewSize() throws Exception {
        var slots = new WorkerSlots(4);
        assertThat(slots.awaitFree()).containsExactly(0, 1, 2, 3);
        slots.resize(2);
        assertThat(slots.busyCount()).as("no job is interrupted").isEqualTo(4);
        slots.release(0);
        slots.release(1);
        assertThat(slots.available()).as("4 → 2 while 2 still run").isZero();
        slots.release(3);
        assertThat(slots.available()).isEqualTo(1);
        assertThat(slots.awaitFree()).as("slot numbers stay below the size").containsExactly(0);
        slots.release(2);
        assertThat(slots.awaitFree()).containsExactly(1);
        assertThat(slots.busyCount()).isEqualTo(2);
    }

    @Test
    void aWaitingDispatcherWakesWhenTheQueueGrows() throws Exception {
        var slots = new WorkerSlots(1);
        slots.awaitFree();
        var taken = new java.util.concurrent.CompletableFuture<List<Integer>>();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                taken.complete(slots.awaitFree());
            } catch (InterruptedException e) {
                taken.completeExceptionally(e);
            }
        });
        slots.resize(3);
        assertThat(taken.get(5, java.util.concurrent.TimeUnit.SECONDS)).containsExactly(1, 2);
        waiter.join();
    }
}
