package dev.lightbox.scoring.service;

import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobType;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Re-scores a whole library under the owner's active config, from the cached attributes (no image is read). */
@Component
public class RescoreJob implements JobHandler<RescoreJob.Payload> {

    /** Nothing: the job's owner is the library to re-score. */
    public record Payload() {
    }

    public static final JobType<Payload> TYPE = JobType.of("scoring.rescore", "Re-score library", JobQueue.CPU, Payload.class);

    private final ScoringConfigService configs;
    private final ScoreStore scores;

    RescoreJob(ScoringConfigService configs, ScoreStore scores) {
        this.configs = configs;
        this.scores = scores;
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
        ScoringConfig config = configs.active(owner);
        context.progress(0.05, "score", "Scoring your library with “" + config.name() + "”");
        int scored = scores.rescoreLibrary(owner, config, fraction -> context.progress(0.05 + 0.9 * fraction, "score", null));
        context.result(Map.of("scored", scored, "config", config.name()));
    }
}
