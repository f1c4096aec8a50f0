package dev.lightbox.data.backup.service;

import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobType;
import org.springframework.stereotype.Component;

/** {@code data.backup} on the cpu queue: one backup into {@code <data dir>/backups/}, then the oldest beyond the kept number go. */
@Component
class BackupJob implements JobHandler<BackupJob.Payload> {

    record Payload() {
    }

    /** What one run wrote. */
    record Result(String name, int tables, long photos, int objects, long sizeBytes, int removed) {
    }

    static final JobType<Payload> TYPE = JobType.of("data.backup", "Backup", JobQueue.CPU, Payload.class);

    private final BackupService backups;

    BackupJob(BackupService backups) {
        this.backups = backups;
    }

    @Override
    public JobType<Payload> type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context, Payload payload) {
        context.progress(0, "backup", "Writing the database snapshot and the objects");
        context.result(backups.backUp());
    }
}
