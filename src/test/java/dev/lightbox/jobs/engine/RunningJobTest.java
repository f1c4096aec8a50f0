package dev.lightbox.jobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.jobs.JobCancelledException;
import dev.lightbox.jobs.domain.JobRepository;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Progress reports wait in the job for the progress writer: the newest wins, details are not lost. */
class RunningJobTest {

    private final RunningJob job = new RunningJob(
            new JobRepository.Claimed(UUID.randomUUID(), UUID.randomUUID(), null, "training.model", 1, Map.of()), 2);

    @Test
    void theNewestReportWaitsForTheWriterAndAnEpochsDetailOutlivesReportsWithoutOne() {
        job.progress(0.30, "TRAINING", "Epoch 1 of 30 · loss 1.052 · accuracy 41%");
        job.progress(0.31, "TRAINING", null);
        job.progress(0.32, "TRAINING", null);

        RunningJob.Report report = job.takeReport();
        assertThat(report).isNotNull();
        assertThat(report.fraction()).isEqualTo(0.32);
        assertThat(report.message()).isEqualTo("Epoch 1 of 30 · loss 1.052 · accuracy 41%");
        assertThat(job.takeReport()).as("taken").isNull();

        job.progress(0.99, "DEPLOYING", null);
        assertThat(job.takeReport().message()).as("a new step starts without the old step's message").isNull();
        assertThat(job.slot()).isEqualTo(2);
    }

    @Test
    void aReportThatCouldNotBeStoredComesBackUnlessANewerOneCame() {
        job.progress(0.1, "a", "first");
        RunningJob.Report first = job.takeReport();
        job.restore(first);
        assertThat(job.takeReport()).isEqualTo(first);

        job.progress(0.2, "a", "second");
        job.restore(first);
        assertThat(job.takeReport().message()).isEqualTo("second");
    }

    @Test
    void theReportAfterACancellationStopsTheJob() {
        job.requestCancel();
        assertThatThrownBy(() -> job.progress(0.5, "a", null)).isInstanceOf(JobCancelledException.class);
    }
}
