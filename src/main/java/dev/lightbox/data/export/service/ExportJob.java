package dev.lightbox.data.export.service;

import dev.lightbox.data.export.domain.ExportRepository;
import dev.lightbox.data.export.domain.ExportRepository.ExportRow;
import dev.lightbox.jobs.JobCancelledException;
import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobType;
import dev.lightbox.storage.ObjectDeletionJob;
import dev.lightbox.storage.ObjectInfo;
import dev.lightbox.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code data.export} on the cpu queue: writes the owner's zip straight into the object store. A virtual thread
 * writes the zip into a pipe of {@value #PIPE} bytes that the store's multipart upload reads from, so memory is the
 * pipe, the zip writer's buffer and one upload part, whatever the library's size. A writer that fails makes the
 * upload fail (it never completes a truncated zip). The row turns READY only once the object is complete; a job
 * cancelled, or failing on its last attempt, marks the row FAILED and, in the same transaction, queues the deletion
 * of what was written ({@link ObjectDeletionJob}, the deletion outbox).
 */
@Component
class ExportJob implements JobHandler<ExportJob.Payload> {

    record Payload(UUID exportId) {
    }

    record Result(String status, int photoCount, long sizeBytes) {
    }

    static final JobType<Payload> TYPE = JobType.of("data.export", "Export", JobQueue.CPU, Payload.class);
    static final int MAX_ATTEMPTS = 2;
    static final int PIPE = 1024 * 1024;

    private final ExportRepository rows;
    private final ExportContents contents;
    private final ObjectStore store;
    private final JobService jobs;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ExportJob(ExportRepository rows, ExportContents contents, ObjectStore store, JobService jobs, TransactionTemplate transaction, Clock clock) {
        this.rows = rows;
        this.contents = contents;
        this.store = store;
        this.jobs = jobs;
        this.transaction = transaction;
        this.clock = clock;
    }

    static JobRequest<Payload> request(UUID owner, UUID exportId) {
        return JobRequest.of(TYPE, owner, new Payload(exportId)).withMaxAttempts(MAX_ATTEMPTS);
    }

    @Override
    public JobType<Payload> type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context, Payload payload) throws Exception {
        ExportRow row = rows.findById(payload.exportId()).orElse(null);
        if (row == null || !ExportStatus.RUNNING.name().equals(row.status()) || row.objectKey() == null) {
            context.result(new Result(row == null ? "deleted" : row.status(), 0, 0));
            return;
        }
        String key = row.objectKey();
        try {
            var count = new AtomicInteger();
            ObjectInfo stored = write(row.ownerId(), key, context, count);
            if (!rows.ready(row.id(), stored.size(), count.get(), clock.instant(), clock.instant().plus(ExportService.VALID))) {
                deleteLater(jobs, key); // failed or gone meanwhile
                return;
            }
            context.result(new Result(ExportStatus.READY.name(), count.get(), stored.size()));
        } catch (JobCancelledException e) {
            fail(row.id(), key, "The export was cancelled.");
            throw e;
        } catch (Exception e) {
            if (context.attempt() >= MAX_ATTEMPTS) fail(row.id(), key, "The export failed: " + e.getMessage());
            else store.delete(key); // the next attempt writes it again
            throw e;
        }
    }

    /** FAILED, and the object's deletion queued in the same transaction: it goes after the commit, surely. */
    private void fail(UUID exportId, String key, String reason) {
        transaction.executeWithoutResult(status -> {
            rows.failed(exportId, reason, clock.instant());
            deleteLater(jobs, key);
        });
    }

    /** Queues the deletion of these objects (the deletion outbox); inside the caller's transaction when it has one. */
    static void deleteLater(JobService jobs, List<String> keys) {
        ObjectDeletionJob.requests(keys, List.of()).forEach(jobs::enqueue);
    }

    private static void deleteLater(JobService jobs, String key) {
        deleteLater(jobs, List.of(key));
    }

    /** The zip, written by a virtual thread into the pipe the store reads from. */
    private ObjectInfo write(UUID owner, String key, JobContext context, AtomicInteger count) throws Exception {
        var pipe = new PipedInputStream(PIPE);
        var out = new PipedOutputStream(pipe);
        var failure = new AtomicReference<@Nullable Throwable>();
        Thread writer = Thread.ofVirtual().name("export-" + context.jobId()).start(() -> {
            try {
                var zip = new ExportZip(out);
                count.set(contents.write(owner, zip, (done, total) ->
                        context.progress(total == 0 ? 0 : 0.99 * done / total, "photos", done + " of " + total + " photos")));
                zip.close();
            } catch (Throwable t) {
                failure.set(t); // before the pipe ends: the reader must never take a cut-off zip for a whole one
                try {
                    out.close();
                } catch (IOException ignored) {
                    // the reader sees the failure at the end of the pipe
                }
            }
        });
        ObjectInfo stored;
        try (InputStream in = new FailingAtEnd(pipe, failure)) {
            stored = store.put(key, in, -1, "application/zip");
        } catch (RuntimeException | IOException e) {
            // the writer's failure, when it came first, is the cause: a cancel stays a JobCancelledException
            if (failure.get() instanceof RuntimeException first) throw first;
            throw e;
        } finally {
            pipe.close(); // a writer still blocked on a full pipe fails and ends
            writer.join();
        }
        Throwable failed = failure.get();
        if (failed instanceof Exception e) throw e;
        if (failed instanceof Error e) throw e;
        return stored;
    }

    /** The pipe's reading end; at its end, the writer's failure (if any) is thrown rather than an end reported. */
    private static final class FailingAtEnd extends java.io.FilterInputStream {
        private final AtomicReference<@Nullable Throwable> failure;

        FailingAtEnd(InputStream in, AtomicReference<@Nullable Throwable> failure) {
            super(in);
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) checkFailure();
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) checkFailure();
            return n;
        }

        private void checkFailure() throws IOException {
            Throwable failed = failure.get();
            if (failed != null) throw new IOException("the export writer failed: " + failed.getMessage(), failed);
        }
    }
}
