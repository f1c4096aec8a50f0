package dev.lightbox.storage;

import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The deletion outbox for objects no row names any more (a deleted account's results, models, face crops and
 * exports): enqueued, without an owner, in the transaction that deletes the rows, so the objects go only after that
 * commit and surely (retried with backoff). It deletes the given keys and every object under the given prefixes
 * (each ending in {@code /}); deleting what is already gone is no error, so a second run changes nothing. Its payload
 * may name the deleted account (an export prefix), so it is forgotten once the job succeeds.
 */
@Component
public class ObjectDeletionJob implements JobHandler<ObjectDeletionJob.Payload> {

    /** At most this many keys and prefixes per job, so a large account's payloads stay small. */
    static final int BATCH = 500;

    public record Payload(List<String> keys, List<String> prefixes) {
    }

    public static final JobType<Payload> TYPE = JobType.of("storage.delete-objects", "Delete objects of deleted rows", JobQueue.CPU, Payload.class);

    private final ObjectStore store;

    ObjectDeletionJob(ObjectStore store) {
        this.store = store;
    }

    /** The jobs that delete these keys and everything under these prefixes: none when both are empty. */
    public static List<JobRequest<Payload>> requests(List<String> keys, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (!prefix.endsWith("/") || prefix.length() < 2) throw new IllegalArgumentException("prefix: must end in / : " + prefix);
        }
        var requests = new ArrayList<JobRequest<Payload>>();
        for (int i = 0; i < keys.size(); i += BATCH) {
            requests.add(request(List.copyOf(keys.subList(i, Math.min(keys.size(), i + BATCH))), List.of()));
        }
        for (int i = 0; i < prefixes.size(); i += BATCH) {
            requests.add(request(List.of(), List.copyOf(prefixes.subList(i, Math.min(prefixes.size(), i + BATCH)))));
        }
        return requests;
    }

    private static JobRequest<Payload> request(List<String> keys, List<String> prefixes) {
        return JobRequest.of(TYPE, null, new Payload(keys, prefixes)).withMaxAttempts(10);
    }

    @Override
    public JobType<Payload> type() {
        return TYPE;
    }

    @Override
    public boolean forgetsPayloadWhenDone() {
        return true;
    }

    @Override
    public void run(JobContext context, Payload payload) {
        var deleted = new AtomicInteger();
        int total = payload.keys().size() + payload.prefixes().size();
        int done = 0;
        for (String key : payload.keys()) {
            store.delete(key);
            deleted.incrementAndGet();
            context.progress((double) ++done / total, "delete", null);
        }
        for (String prefix : payload.prefixes()) {
            store.forEach(prefix, object -> {
                store.delete(object.key());
                deleted.incrementAndGet();
            });
            context.progress((double) ++done / total, "delete", null);
        }
        context.result(Map.of("deleted", deleted.get())); // a count: the keys may name the deleted account
    }
}
