package dev.lightbox.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The LISTEN thread only hands events over: a subscriber that blocks delays nobody else. */
class JobEventsTest {

    private final JobEvents events = new JobEvents();

    private static JobEvent event(UUID id, JobStatus status, long version) {
        return new JobEvent(id, null, "test.steps", status, 0.5, "step", null, null, version);
    }

    private static void block(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aStalledSubscriberDelaysNeitherThePublisherNorOtherSubscribers() {
        var stall = new CountDownLatch(1);
        var seen = new CopyOnWriteArrayList<JobEvent>();
        UUID job = UUID.randomUUID();
        try (var stalled = events.subscribe(e -> block(stall)); var other = events.subscribe(seen::add)) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                for (int i = 1; i <= 1000; i++) events.publish(event(job, JobStatus.RUNNING, i));
                events.publish(event(job, JobStatus.SUCCEEDED, 1001));
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> !seen.isEmpty() && seen.getLast().version() == 1001);
            assertThat(seen).extracting(JobEvent::version).isSorted();
        } finally {
            stall.countDown();
        }
        assertThat(events.listenerCount()).isZero();
    }

    @Test
    void aSubscriberFarBehindKeepsABoundedBacklogEndingInTheFinalState() {
        var stall = new CountDownLatch(1);
        var received = new CopyOnWriteArrayList<JobEvent>();
        UUID job = UUID.randomUUID();
        try (var slow = events.subscribe(e -> {
            block(stall);
            received.add(e);
        })) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                for (int i = 1; i <= 5000; i++) events.publish(event(job, JobStatus.RUNNING, i));
                events.publish(event(job, JobStatus.SUCCEEDED, 5001));
            });
            stall.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty() && received.getLast().version() == 5001);
            List<Long> versions = received.stream().map(JobEvent::version).toList();
            assertThat(versions).isSorted().hasSizeLessThanOrEqualTo(JobEvents.BACKLOG + 1).contains(5000L, 5001L);
        }
    }
}
