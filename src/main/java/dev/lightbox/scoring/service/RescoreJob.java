package dev.lightbox.scoring.service;

import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobService;
import dev.lightbox.scoring.domain.ScoreRepository;
import dev.lightbox.jobs.JobType;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Re-scores a whole library under the owner's active config, from the cached attributes (no image is read). */
@Component
public class RescoreJob implements JobHandler<RescoreJob.Payload> {

    /** Nothing: the job's owner is the library to re-score. */
    public record Payload() {
    }

    public static final JobType<Payload> TYPE = JobType.of("scoring.rescore", "Re-score library", JobQueue.CPU, Payload.class);

    private final ScoringConfigService configs;
    private final ScoreStore scores;
    private final ScoreRepository scoreRows;
    private final JobService jobs;
    private final TransactionTemplate transaction;

    RescoreJob(ScoringConfigService configs, ScoreStore scores, ScoreRepository scoreRows, JobService jobs, TransactionTemplate transaction) {
        this.configs = configs;
        this.scores = scores;
        this.scoreRows = scoreRows;
        this.jobs = jobs;
        this.transaction = transaction;
    }

    /** What a finished run reports: photos scored and the config they were scored with. */
    record Result(int scored, String config) {
    }

    /** One re-scoring per owner waits in the queue at a time. */
    static String dedupeKey(UUID owner) {
        return TYPE.name() + ":" + owner;
    }

    static JobRequest<Payload> request(UUID owner) {
        return JobRequest.of(TYPE, owner, new Payload()).withPriority(10);
    }

    @Override
    public JobType<Payload> type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context, Payload payload) {
        UUID owner = context.ownerId();
        if (owner == null) throw new IllegalStateException("a re-scoring job needs an owner");
        // from here on a new request queues a new job; one asked for before (whose change may commit only
        // now: the lock waits for it) is answered by this run, which reads the config after it
        transaction.executeWithoutResult(status -> {
            scoreRows.lockRescoreRequests(owner);
            jobs.releaseDedupeKey(dedupeKey(owner));
        });
        ScoringConfig config = configs.active(owner);
        context.progress(0.05, "score", "Scoring your library with “" + config.name() + "”");
        String message = "Scoring your library with “" + config.name() + "”";
        int scored = scores.rescoreLibrary(owner, config,
                (done, of) -> context.progress(0.05 + 0.9 * Math.min(1, done / (double) Math.max(1, of)), "score", message));
        context.result(new Result(scored, config.name()));
    }
}
