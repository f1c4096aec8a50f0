package dev.lightbox.jobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.jobs.JobCancelledException;
import dev.lightbox.jobs.domain.JobRepository;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Progress reports wait in the job for the progress writer: the newest wins, details are not lost. */
class RunningJobTest {

    private final AtomicInteger newSteps = new AtomicInteger();
    private final RunningJob job = new RunningJob(
            new JobRepository.Claimed(UUID.randomUUID(), UUID.randomUUID(), null, "training.model", 1, "{}"), 2, newSteps::incrementAndGet);

    @Test
    void theNewestReportWaitsForTheWriterAndAnEpochsDetailOutlivesReportsWithoutOne() {
        job.progress(0.30, "TRAINING", "Epoch 1 of 30 · loss 1.052 · accuracy 41%");
        job.progress(0.31, "TRAINING", null);
        job.progress(0.32, "TRAINING", null);

        List<RunningJob.Report> reports = job.takeReports();
        assertThat(reports).as("within a step, the newest report").hasSize(1);
        assertThat(reports.getFirst().fraction()).isEqualTo(0.32);
        assertThat(reports.getFirst().message()).isEqualTo("Epoch 1 of 30 · loss 1.052 · accuracy 41%");
        assertThat(job.takeReports()).as("taken").isEmpty();

        job.progress(0.99, "DEPLOYING", null);
        assertThat(job.takeReports().getFirst().message()).as("a new step starts without the old step's message").isNull();
        assertThat(job.slot()).isEqualTo(2);
    }

    @Test
    void everyStepIsKeptForTheWriterAndWakesIt() {
        job.progress(0.1, "download", null);
        job.progress(0.2, "download", "half");
        job.progress(0.5, "analyse", null);
        job.progress(1.0, "done", null);
        assertThat(job.takeReports()).extracting(RunningJob.Report::step).containsExactly("download", "analyse", "done");
        assertThat(newSteps).hasValue(3);
    }

    @Test
    void aReportThatCouldNotBeStoredComesBackUnlessANewerOneCame() {
        job.progress(0.1, "a", "first");
        List<RunningJob.Report> first = job.takeReports();
        job.restore(first);
        assertThat(job.takeReports()).isEqualTo(first);

        job.progress(0.2, "a", "second");
        job.restore(first);
        assertThat(job.takeReports()).extracting(RunningJob.Report::message).containsExactly("second");
    }

    @Test
    void theReportAfterACancellationStopsTheJob() {
        job.requestCancel();
        assertThatThrownBy(() -> job.progress(0.5, "a", null)).isInstanceOf(JobCancelledException.class);
    }
}
