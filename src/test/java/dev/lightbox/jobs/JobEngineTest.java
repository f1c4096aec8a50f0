package dev.lightbox.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestJobHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class JobEngineTest extends IntegrationTest {

    @Autowired JobService jobs;
    @Autowired JobEvents events;
    @Autowired JdbcTemplate jdbc;

    private UUID owner() {
        return api().newUser().id();
    }

    private JobView await(UUID owner, UUID id, Predicate<JobView> condition) {
        return Awaitility.await("job " + id + " reaches the expected state").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> jobs.find(owner, id).orElseThrow(), condition);
    }

    @Test
    void runsJobsToSuccessWithProgressEventsOnceEach() throws Exception {
        UUID owner = owner();
        var seen = new CopyOnWriteArrayList<JobEvent>();
        int appListeners = events.listenerCount(); // the app's own (the skin module listens for jobs ending)
        try (var subscription = events.subscribe(e -> { if (owner.equals(e.ownerId())) seen.add(e); })) {
            assertThat(events.listenerCount()).isEqualTo(appListeners + 1);
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(jobs.enqueue(JobRequest.of(TestJobHandlers.STEPS, owner, new TestJobHandlers.Steps(3, 5))));
            }
            for (UUID id : ids) {
                JobView done = await(owner, id, j -> j.status().finished());
                assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
                assertThat(done.progress()).isEqualTo(1.0);
                assertThat(done.attempts()).isEqualTo(1);
                assertThat(TestJobHandlers.RUNS.get(id).get()).as("ran exactly once").isEqualTo(1);
            }
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> seen.stream().anyMatch(e -> e.id().equals(ids.getLast()) && e.status() == JobStatus.SUCCEEDED));
            assertThat(seen).anyMatch(e -> e.status() == JobStatus.QUEUED);
            assertThat(seen).anyMatch(e -> e.status() == JobStatus.RUNNING && "step 2".equals(e.step()));
            assertThat(seen).anyMatch(e -> e.id().equals(ids.getLast()) && e.status() == JobStatus.SUCCEEDED);
        }
        assertThat(events.listenerCount()).as("released").isEqualTo(appListeners);
    }

    @Test
    void retriesWithBackoffThenSucceedsOrFailsWithTheError() throws Exception {
        UUID owner = owner();
        UUID recovers = jobs.enqueue(JobRequest.of(TestJobHandlers.FLAKY, owner, new TestJobHandlers.Flaky(2)).withMaxAttempts(3));
        UUID givesUp = jobs.enqueue(JobRequest.of(TestJobHandlers.FLAKY, owner, new TestJobHandlers.Flaky(9)).withMaxAttempts(3));

        JobView recovered = await(owner, recovers, j -> j.status().finished());
        assertThat(recovered.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(recovered.attempts()).isEqualTo(3);
        var attempts = jobs.attempts(owner, recovers);
        assertThat(attempts).extracting(JobService.Attempt::outcome).containsExactly("FAILED", "FAILED", "SUCCEEDED");
        // backoff: 100 ms, then 200 ms (±20%) between attempts
        assertThat(Duration.between(attempts.get(0).finishedAt(), attempts.get(1).startedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(75));
        assertThat(Duration.between(attempts.get(1).finishedAt(), attempts.get(2).startedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(155));
        // ... and is claimed when it is due, not at the next safety poll (5 s)
        assertThat(Duration.between(attempts.get(0).finishedAt(), attempts.get(1).startedAt())).isLessThan(Duration.ofMillis(2500));
        assertThat(Duration.between(attempts.get(1).finishedAt(), attempts.get(2).startedAt())).isLessThan(Duration.ofMillis(2500));

        JobView failed = await(owner, givesUp, j -> j.status().finished());
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.error()).isEqualTo("IllegalStateException: planned failure 3");

        assertThat(jobs.retry(owner, givesUp)).isTrue();
        JobView retried = await(owner, givesUp, j -> j.status().finished() && j.attempts() == 3);
        assertThat(retried.status()).isEqualTo(JobStatus.FAILED);
        assertThat(TestJobHandlers.RUNS.get(givesUp).get()).isEqualTo(6);
    }

    @Test
    void cancelsQueuedJobsAtOnceAndRunningOnesAtTheirNextReport() throws Exception {
        UUID owner = owner();
        // the gpu queue has one thread in tests: a long job holds it, the next one waits
        UUID running = jobs.enqueue(JobRequest.of(TestJobHandlers.GPU_STEPS, owner, new TestJobHandlers.Steps(1000, 20)));
        await(owner, running, j -> j.status() == JobStatus.RUNNING && j.step() != null);
        UUID queued = jobs.enqueue(JobRequest.of(TestJobHandlers.GPU_STEPS, owner, new TestJobHandlers.Steps(1, 0)));
        assertThat(jobs.find(owner, queued).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);

        assertThat(jobs.cancel(owner, queued)).contains(JobStatus.CANCELLED);
        assertThat(jobs.find(owner, queued).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(TestJobHandlers.RUNS.get(queued)).as("never ran").isNull();

        assertThat(jobs.cancel(owner, running)).contains(JobStatus.RUNNING);
        JobView cancelled = await(owner, running, j -> j.status().finished());
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.progress()).isLessThan(0.5);
        assertThat(jobs.cancel(owner, running)).as("nothing left to cancel").isEmpty();
    }

    @Test
    void aDelayedJobWaitsForItsTime() throws Exception {
        UUID owner = owner();
        long start = System.currentTimeMillis();
        UUID id = jobs.enqueue(JobRequest.of(TestJobHandlers.STEPS, owner, new TestJobHandlers.Steps(1, 0)).delayedBy(Duration.ofMillis(1500)));
        Awaitility.await().during(Duration.ofMillis(700)).atMost(Duration.ofMillis(1200))
                .untilAsserted(() -> assertThat(jobs.find(owner, id).orElseThrow().status()).isEqualTo(JobStatus.QUEUED));
        JobView done = await(owner, id, j -> j.status().finished());
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.startedAt().toEpochMilli() - start).isGreaterThanOrEqualTo(1400);
    }

    @Test
    void higherPriorityRunsFirst() throws Exception {
        UUID owner = owner();
        UUID blocker = jobs.enqueue(JobRequest.of(TestJobHandlers.GPU_STEPS, owner, new TestJobHandlers.Steps(10, 30)));
        await(owner, blocker, j -> j.status() == JobStatus.RUNNING);
        UUID low = jobs.enqueue(JobRequest.of(TestJobHandlers.GPU_STEPS, owner, new TestJobHandlers.Steps(1, 0)));
        UUID high = jobs.enqueue(JobRequest.of(TestJobHandlers.GPU_STEPS, owner, new TestJobHandlers.Steps(1, 0)).withPriority(10));
        JobView lowDone = await(owner, low, j -> j.status().finished());
        JobView highDone = await(owner, high, j -> j.status().finished());
        assertThat(highDone.startedAt()).isBefore(lowDone.startedAt());
    }

    @Test
    void aJobWhoseWorkerDiedIsRecoveredWhenItsLeaseExpires() throws Exception {
        UUID owner = owner();
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into jobs (id, owner_id, type, queue, status, attempts, max_attempts, run_after, lease_owner, lease_until,
                                  payload, created_at, started_at)
                values (?, ?, 'test.steps', 'cpu', 'RUNNING', 1, 3, now(), 'dead-worker', now() - interval '1 second',
                        '{"steps": 2, "sleepMs": 0}', now(), now())""", id, owner);
        JobView done = await(owner, id, j -> j.status().finished());
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(TestJobHandlers.RUNS.get(id).get()).isEqualTo(1);
    }

    @Test
    void theSameDedupeKeyGivesTheSameJobAndOwnersOnlySeeTheirOwn() throws Exception {
        UUID owner = owner();
        UUID other = owner();
        String key = "test:" + UUID.randomUUID();
        UUID first = jobs.enqueue(JobRequest.of(TestJobHandlers.STEPS, owner, new TestJobHandlers.Steps(1, 0)).dedupedBy(key));
        UUID second = jobs.enqueue(JobRequest.of(TestJobHandlers.STEPS, owner, new TestJobHandlers.Steps(1, 0)).dedupedBy(key));
        assertThat(second).isEqualTo(first);
        await(owner, first, j -> j.status().finished());
        assertThat(jobs.enqueue(JobRequest.of(TestJobHandlers.STEPS, owner, new TestJobHandlers.Steps(1, 0)).dedupedBy(key))).isEqualTo(first);

        assertThat(jobs.find(other, first)).isEmpty();
        assertThat(jobs.cancel(other, first)).isEmpty();
        assertThat(jobs.retry(other, first)).isFalse();
        assertThat(jobs.list(other, null, null, 50).items()).isEmpty();
        assertThat(jobs.list(owner, JobStatus.SUCCEEDED, null, 50).items()).extracting(JobView::id).contains(first);
    }
}
