package dev.lightbox.scoring.service;

import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Re-scores a whole library under the owner's active config, from the cached attributes (no image is read). */
@Component
class RescoreJob implements JobHandler {

    static final String TYPE = "scoring.rescore";

    private final ScoringConfigService configs;
    private final ScoreStore scores;

    RescoreJob(ScoringConfigService configs, ScoreStore scores) {
        this.configs = configs;
        this.scores = scores;
    }

    static JobRequest request(UUID owner) {
        return JobRequest.of(TYPE, JobQueue.CPU, owner, Map.of()).withPriority(10);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context) {
        UUID owner = context.ownerId();
        if (owner == null) throw new IllegalStateException("a re-scoring job needs an owner");
        ScoringConfig config = configs.active(owner);
        context.progress(0.05, "score", "Scoring your library with “" + config.name() + "”");
        int scored = scores.rescoreLibrary(owner, config, fraction -> context.progress(0.05 + 0.9 * fraction, "score", null));
        context.result(Map.of("scored", scored, "config", config.name()));
    }
}
