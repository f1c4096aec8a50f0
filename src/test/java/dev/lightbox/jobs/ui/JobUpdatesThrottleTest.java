package dev.lightbox.jobs.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.jobs.JobEvent;
import dev.lightbox.jobs.JobStatus;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobUpdatesThrottleTest {

    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor();
    private final List<JobEvent> shown = new CopyOnWriteArrayList<>();
    private final JobUpdates.Throttle throttle = new JobUpdates.Throttle(Runnable::run, shown::add, flusher);

    @AfterEach
    void stop() {
        flusher.shutdownNow();
    }

    private static JobEvent event(UUID id, JobStatus status, double progress, long version) {
        return new JobEvent(id, null, "test.steps", status, progress, "step", null, null, version);
    }

    @Test
    void aProgressStateThatTurnsUpAfterTheFinalOneIsNeverShown() {
        UUID id = UUID.randomUUID();
        throttle.offer(event(id, JobStatus.RUNNING, 0.5, 10));
        throttle.offer(event(id, JobStatus.SUCCEEDED, 1, 12));
        // the throttled update the flusher held while the final state went through
        throttle.offer(event(id, JobStatus.RUNNING, 0.9, 11));

        assertThat(shown).extracting(JobEvent::version).containsExactly(10L, 12L);
        assertThat(shown.getLast().status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void newerStatesOfOtherJobsStillShow() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        throttle.offer(event(a, JobStatus.SUCCEEDED, 1, 20));
        throttle.offer(event(b, JobStatus.RUNNING, 0.1, 5));
        throttle.offer(event(b, JobStatus.FAILED, 0.1, 21));
        assertThat(shown).extracting(JobEvent::version).containsExactly(20L, 5L, 21L);
    }
}
