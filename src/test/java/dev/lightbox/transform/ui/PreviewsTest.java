package dev.lightbox.transform.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Restyle dialog's preview queue, without Spring: one at a time, newest wins, stale and closed ones never start. */
class PreviewsTest {

    private final List<Previews.Drain> queued = new ArrayList<>();
    private final List<String> ran = new ArrayList<>();
    private final List<String> dropped = new ArrayList<>();
    private final Previews previews = new Previews(queued::add);

    private Previews.Request request(String name, boolean current) {
        return new Previews.Request(() -> current, () -> ran.add(name), () -> dropped.add(name));
    }

    @Test
    void aNewerRequestReplacesTheWaitingOneAndOnlyOneDrainIsQueued() {
        previews.submit(request("a", true));
        previews.submit(request("b", true));
        previews.submit(request("c", true));
        assertThat(queued).hasSize(1);
        queued.getFirst().run();
        assertThat(ran).containsExactly("c");
    }

    @Test
    void aRequestThatWentStaleWhileWaitingNeverStarts() {
        previews.submit(request("stale", false));
        queued.getFirst().run();
        assertThat(ran).isEmpty();
    }

    @Test
    void aRequestMadeWhileOneComputesWaitsForItInsteadOfRunningBesideIt() {
        previews.submit(new Previews.Request(() -> true, () -> {
            ran.add("first");
            previews.submit(request("second", true));
            assertThat(queued).as("no second drain while the first computes").hasSize(1);
        }, () -> dropped.add("first")));
        queued.getFirst().run();
        assertThat(ran).containsExactly("first", "second");
        previews.submit(request("third", true));
        assertThat(queued).as("idle again: the next request queues a drain").hasSize(2);
    }

    @Test
    void closingDropsWhatWaitsAndRefusesMore() {
        previews.submit(request("waiting", true));
        previews.close();
        previews.submit(request("after", true));
        queued.forEach(Runnable::run);
        assertThat(ran).isEmpty();
        assertThat(queued).hasSize(1);
    }

    @Test
    void aFullPoolDropsTheOldestWaitingDialogAndTellsIt() throws InterruptedException {
        var runner = new PreviewRunner(1, 1);
        try {
            var busy = new CountDownLatch(1);
            var release = new CountDownLatch(1);
            List<String> done = new CopyOnWriteArrayList<>();
            List<String> lost = new CopyOnWriteArrayList<>();
            runner.open().submit(new Previews.Request(() -> true, () -> {
                busy.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.add("computing");
            }, () -> lost.add("computing")));
            assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
            runner.open().submit(new Previews.Request(() -> true, () -> done.add("older"), () -> lost.add("older")));
            runner.open().submit(new Previews.Request(() -> true, () -> done.add("newer"), () -> lost.add("newer")));
            assertThat(lost).containsExactly("older");
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(done).containsExactly("computing", "newer"));
        } finally {
            runner.destroy();
        }
    }
}
