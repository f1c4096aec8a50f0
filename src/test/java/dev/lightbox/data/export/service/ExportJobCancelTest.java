package dev.lightbox.data.export.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.data.export.domain.ExportRepository;
import dev.lightbox.jobs.JobCancelledException;
import dev.lightbox.jobs.JobContext;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An export cancelled while its writer runs (the worker's context throws {@link JobCancelledException} from
 * {@code progress}, as a cancel seen mid-run does) ends as a cancel, not as an upload failure: the row turns FAILED
 * "The export was cancelled." and the exception reaches the worker, which records the job CANCELLED.
 */
class ExportJobCancelTest extends IntegrationTest {

    @Autowired ExportJob exportJob;
    @Autowired ExportRepository rows;

    @Test
    void aCancelWhileTheWriterRunsFailsTheRowAsCancelled() {
        var api = api();
        var user = api.newUser();
        assertThat(api.upload("a.jpg", TestImages.jpeg(64, 48, 1), user.token()).status()).isEqualTo(201);
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String type = "/api/v1/admin/queues/cpu/types/data.export";
        assertThat(api.put(type, Map.of("paused", true), admin).status()).isEqualTo(200); // the worker leaves it to this test
        String jobId = null;
        try {
            var started = api.post("/api/v1/export", "", user.token());
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            UUID id = UUID.fromString(started.json().get("id").asString());
            jobId = started.json().get("jobId").asString();
            var context = new CancelledContext(UUID.fromString(jobId), user.id());

            assertThatThrownBy(() -> exportJob.run(context, new ExportJob.Payload(id))).isInstanceOf(JobCancelledException.class);

            var row = rows.findById(id).orElseThrow();
            assertThat(row.status()).isEqualTo("FAILED");
            assertThat(row.error()).isEqualTo("The export was cancelled.");
            assertThat(context.progressCalls).isPositive(); // the cancel came while the zip was being written
        } finally {
            if (jobId != null) api.post("/api/v1/jobs/" + jobId + "/cancel", "", user.token());
            api.put(type, Map.of("paused", false), admin);
        }
    }

    /** A running job's context after a cancel was requested: its next progress report throws. */
    private static final class CancelledContext implements JobContext {
        private final UUID jobId;
        private final UUID ownerId;
        volatile int progressCalls;

        CancelledContext(UUID jobId, UUID ownerId) {
            this.jobId = jobId;
            this.ownerId = ownerId;
        }

        @Override
        public UUID jobId() {
            return jobId;
        }

        @Override
        public @Nullable UUID ownerId() {
            return ownerId;
        }

        @Override
        public int attempt() {
            return 1;
        }

        @Override
        public void progress(double fraction, String step, @Nullable String message) {
            progressCalls++;
            throw new JobCancelledException();
        }

        @Override
        public void result(Object result) {
        }

        @Override
        public int slot() {
            return 0;
        }
    }
}
