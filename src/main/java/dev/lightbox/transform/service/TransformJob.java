package dev.lightbox.transform.service;

import dev.lightbox.jobs.JobCancelledException;
import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobFailedForGoodException;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobType;
import dev.lightbox.library.service.PhotoService.Rendition;
import dev.lightbox.retention.RetentionProperties;
import dev.lightbox.transform.domain.TransformRepository;
import dev.lightbox.transform.domain.TransformRepository.TransformRow;
import dev.lightbox.transform.pipeline.InvalidStyleException;
import dev.lightbox.transform.pipeline.PipelineResult;
import dev.lightbox.transform.pipeline.Restyler;
import dev.lightbox.transform.pipeline.SourceImages;
import dev.lightbox.transform.pipeline.Step;
import dev.lightbox.transform.pipeline.StepStatus;
import dev.lightbox.transform.pipeline.StyleRequest;
import dev.lightbox.transform.pipeline.TransformStatus;
import dev.lightbox.transform.pipeline.ValidationFailedException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code transform.restyle} on the gpu queue: runs the pipeline on the photo's original, then the save step: the
 * images go to the store first, then the row names them; if the row is no longer active by then (cancelled or
 * deleted), or anything fails or is cancelled after they were written, they are deleted again. A refused result
 * (validation), a bad style or parameter, or a photo or reference that cannot be decoded or is over the pixel limit fails for good; anything else is tried once more.
 */
@Component
class TransformJob implements JobHandler<TransformJob.Payload> {

    record Payload(UUID transformId) {
    }

    /** How the run ended: the transform's status. */
    record Result(String status) {
    }

    static final JobType<Payload> TYPE = JobType.of("transform.restyle", "Restyle", JobQueue.GPU, Payload.class);
    static final int MAX_ATTEMPTS = 2;

    private final TransformRepository rows;
    private final Restyler restyler;
    private final TransformSources sources;
    private final TransformResults results;
    private final RetentionProperties retention;
    private final JsonMapper json;

    TransformJob(TransformRepository rows, Restyler restyler, TransformSources sources, TransformResults results,
                 RetentionProperties retention, JsonMapper json) {
        this.rows = rows;
        this.restyler = restyler;
        this.sources = sources;
        this.results = results;
        this.retention = retention;
        this.json = json;
    }

    static JobRequest<Payload> request(UUID owner, UUID transformId, UUID photoId) {
        return JobRequest.of(TYPE, owner, new Payload(transformId)).about(photoId).withMaxAttempts(MAX_ATTEMPTS);
    }

    @Override
    public JobType<Payload> type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context, Payload payload) throws Exception {
        TransformRow row = rows.findById(payload.transformId()).orElse(null);
        if (row == null || TransformStatus.of(row.status()).finished()) {
            context.result(new Result(row == null ? "deleted" : row.status()));
            return;
        }
        var reporter = new RowReporter(row.id(), context, rows, json);
        TransformResults.Stored stored = null;
        try {
            StyleRequest request = restyler.check(row.style(), json.readTree(row.params()));
            SourceImages images = sources.load(row.ownerId(), row.photoId(), request, Rendition.ORIGINAL);
            PipelineResult result = restyler.run(request, images, reporter);
            reporter.started(Step.SAVE, Step.SAVE.startMessage());
            long start = System.nanoTime();
            stored = results.store(row.id(), result);
            reporter.recordFinished(Step.SAVE, StepStatus.DONE, (System.nanoTime() - start) / 1_000_000, "Saved");
            if (!rows.complete(row.id(), stored.resultKey(), stored.thumbnailKey(), result.width(), result.height(), stored.bytes(),
                    reporter.stepsJson(), retention.results())) {
                throw new JobCancelledException(); // cancelled or deleted while saving: the objects go below
            }
            stored = null; // the row names them now
            context.result(new Result(TransformStatus.COMPLETED.id()));
        } catch (JobCancelledException e) {
            deleteQuietly(stored);
            reporter.stopRunningStep(StepStatus.CANCELLED, "Cancelled");
            if (!rows.finish(row.id(), TransformStatus.CANCELLED.id(), null, "Cancelled", reporter.stepsJson())) {
                rows.closeCancelledSteps(row.id(), reporter.stepsJson());
            }
            throw e;
        } catch (ValidationFailedException | InvalidStyleException | TransformNotFoundException
                 | dev.lightbox.library.service.PhotoWithoutOriginalException e) {
            deleteQuietly(stored);
            String reason = String.valueOf(e.getMessage());
            reporter.stopRunningStep(StepStatus.FAILED, reason);
            rows.finish(row.id(), TransformStatus.FAILED.id(), reason, "Failed", reporter.stepsJson());
            throw new JobFailedForGoodException(reason, e);
        } catch (Exception e) {
            deleteQuietly(stored);
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (e instanceof IllegalArgumentException && reporter.failedAt(Step.LOAD)) {
                // the photo or reference cannot be decoded or is over the pixel limit: another attempt reads the same bytes
                rows.finish(row.id(), TransformStatus.FAILED.id(), reason, "Failed", reporter.stepsJson());
                throw new JobFailedForGoodException(reason, e);
            }
            if (context.attempt() >= MAX_ATTEMPTS) {
                reporter.stopRunningStep(StepStatus.FAILED, reason);
                rows.finish(row.id(), TransformStatus.FAILED.id(), reason, "Failed", reporter.stepsJson());
            }
            throw e;
        }
    }

    private void deleteQuietly(TransformResults.@Nullable Stored stored) {
        if (stored != null) results.deleteQuietly(java.util.List.copyOf(stored.keys()));
    }
}
