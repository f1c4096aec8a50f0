package dev.lightbox.analysis.service;

import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobType;
import dev.lightbox.library.service.PhotoAdded;
import dev.lightbox.library.service.PhotoService;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * "Re-analyse library": walks one library (or all, for admins) and enqueues an analysis job for each
 * content without a result from the current analyzer. The per-content jobs are deduplicated, so running
 * this twice, or while uploads are analysed, does no work twice.
 */
@Component
class LibraryAnalysisJob implements JobHandler<LibraryAnalysisJob.Payload> {

    /** {@code scope}: "all" (every library, for admins) or the id of the one owner whose library is walked. */
    record Payload(String scope) {
        static final String ALL = "all";

        @Nullable UUID ownerOrAll() {
            return ALL.equals(scope) ? null : UUID.fromString(scope);
        }
    }

    /** What a finished run reports: photos looked at and analyses queued. */
    record Result(int photos, int queued) {
    }

    static final JobType<Payload> TYPE = JobType.of("analysis.library", "Re-analyse library", JobQueue.CPU, Payload.class);

    private final PhotoService photos;
    private final AnalysisService analyses;
    private final JobService jobs;

    LibraryAnalysisJob(PhotoService photos, AnalysisService analyses, JobService jobs) {
        this.photos = photos;
        this.analyses = analyses;
        this.jobs = jobs;
    }

    static JobRequest<Payload> request(UUID requestedBy, @Nullable UUID ownerId) {
        return JobRequest.of(TYPE, requestedBy, new Payload(ownerId == null ? Payload.ALL : ownerId.toString()));
    }

    @Override
    public JobType<Payload> type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context, Payload payload) {
        context.progress(0.02, "list", "Listing photos");
        // a photo synced without its original has no bytes here to analyse (its owner's device did)
        List<PhotoAdded> all = photos.originals(payload.ownerOrAll());
        var contents = new LinkedHashMap<String, PhotoAdded>();
        all.forEach(photo -> contents.putIfAbsent(photo.sha256(), photo));
        Set<String> needed = analyses.needingAnalysis(contents.keySet());
        int enqueued = 0;
        for (PhotoAdded photo : contents.values()) {
            if (!needed.contains(photo.sha256())) continue;
            jobs.enqueue(AnalysisJob.request(photo));
            if (++enqueued % 200 == 0) context.progress(0.05 + 0.95 * enqueued / needed.size(), "enqueue", queued(enqueued));
        }
        context.progress(1, "enqueue", queued(enqueued));
        context.result(new Result(all.size(), enqueued));
    }

    private static String queued(int count) {
        return (count == 1 ? "1 photo" : count + " photos") + " queued for analysis";
    }
}
