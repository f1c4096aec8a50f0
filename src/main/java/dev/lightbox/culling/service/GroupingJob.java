package dev.lightbox.culling.service;

import dev.lightbox.culling.CullingProperties;
import dev.lightbox.culling.domain.GroupRepository;
import dev.lightbox.culling.domain.GroupRepository.NewGroup;
import dev.lightbox.culling.domain.Shot;
import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Regroups one owner's library: reads every photo's capture facts and perceptual hash, finds bursts and
 * near-duplicates in memory ({@link Grouper}) and replaces the stored groups in one transaction. One run
 * per owner waits in the queue at a time, a little delayed so an upload of many photos regroups once.
 */
@Component
class GroupingJob implements JobHandler<GroupingJob.Payload> {

    /** Nothing: the job's owner is whose library is grouped. */
    record Payload() {
    }

    /** What a finished run reports: photos read, bursts and near-duplicate groups found. */
    record Result(int photos, int bursts, int similar) {
    }

    static final JobType<Payload> TYPE = JobType.of("culling.group", "Group similar photos", JobQueue.CPU, Payload.class);
    static final Duration DELAY = Duration.ofSeconds(2);

    private final GroupRepository groups;
    private final JobService jobs;
    private final TransactionTemplate transaction;
    private final CullingProperties properties;

    GroupingJob(GroupRepository groups, JobService jobs, TransactionTemplate transaction, CullingProperties properties) {
        this.groups = groups;
        this.jobs = jobs;
        this.transaction = transaction;
        this.properties = properties;
    }

    static String dedupeKey(UUID owner) {
        return TYPE.name() + ":" + owner;
    }

    static JobRequest<Payload> request(UUID owner) {
        return JobRequest.of(TYPE, owner, new Payload()).dedupedBy(dedupeKey(owner)).delayedBy(DELAY);
    }

    @Override
    public JobType<Payload> type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context, Payload payload) {
        UUID owner = context.ownerId();
        if (owner == null) throw new IllegalStateException("a grouping job needs an owner");
        // from here on a change queues a new run; one requested before (which may commit only now: the lock waits for it) is seen by this one
        transaction.executeWithoutResult(status -> {
            groups.lockRequests(owner, true);
            jobs.releaseDedupeKey(dedupeKey(owner));
        });
        context.progress(0.1, "read", "Reading capture times and hashes");
        List<Shot> shots = groups.shots(owner);
        context.progress(0.5, "group", "Finding bursts and near-duplicates");
        List<NewGroup> bursts = Grouper.bursts(shots, Duration.ofSeconds(properties.burstGapSeconds()));
        List<NewGroup> similar = Grouper.similar(shots, properties.similarMaxDistance());
        var all = new ArrayList<NewGroup>(bursts);
        all.addAll(similar);
        context.progress(0.8, "save", null);
        transaction.executeWithoutResult(status -> groups.replace(owner, all));
        context.result(new Result(shots.size(), bursts.size(), similar.size()));
    }
}
