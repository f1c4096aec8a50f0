package dev.lightbox.coach.service;

import dev.lightbox.coach.domain.CoachRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@code job_status}: the user's jobs running and queued now, failed in the last 7 days, and the latest training run. */
@Component
class JobStatusTool extends NamedCoachTool<JobStatusTool.Input> {

    static final Duration FAILED_WINDOW = Duration.ofDays(7);

    /** No arguments. */
    record Input() {
    }

    private final CoachRepository repository;
    private final Clock clock;

    JobStatusTool(CoachRepository repository, Clock clock) {
        super("job_status",
                "The user's background work: jobs running and queued now, jobs failed in the last 7 days, and the latest model training run "
                    + "(its status, step and progress).",
                Input.class);
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    public ToolResult run(UUID userId, Input in) {
        CoachRepository.JobCounts jobs = repository.jobs(userId, clock.instant().minus(FAILED_WINDOW));
        var facts = new ArrayList<Fact>(List.of(new Fact("running", String.valueOf(jobs.running())), new Fact("queued", String.valueOf(jobs.queued())),
                new Fact("failed (7 days)", String.valueOf(jobs.failed()))));
        var summary = new StringBuilder(Numbers.plural(jobs.running(), "job", "jobs") + " running, " + jobs.queued() + " queued and "
                + jobs.failed() + " failed in the last 7 days.");
        repository.latestTraining(userId).ifPresentOrElse(t -> {
            String progress = String.format(Locale.ROOT, "%.0f%%", t.progress() * 100);
            facts.add(new Fact("latest training", t.name()));
            facts.add(new Fact("training status", t.status()));
            facts.add(new Fact("training step", t.state()));
            facts.add(new Fact("training progress", progress));
            summary.append(" Your latest training, “").append(t.name()).append("”, is ").append(t.status().toLowerCase(Locale.ROOT));
            if (t.status().equals("RUNNING") || t.status().equals("QUEUED")) {
                summary.append(" (").append(t.state().toLowerCase(Locale.ROOT).replace('_', ' ')).append(", ").append(progress).append(')');
            }
            summary.append('.');
        }, () -> summary.append(" You have not trained a model yet."));
        return new ToolResult(summary.toString(), facts, List.of(), null);
    }
}
