package dev.lightbox.jobs.api;

import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.QueueAdminService;
import dev.lightbox.jobs.QueueState;
import dev.lightbox.jobs.QueueUpdate;
import dev.lightbox.jobs.TypeState;
import dev.lightbox.jobs.WorkerState;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/admin/queues} and {@code /api/v1/admin/workers} (ADMIN): the queue console. A PUT body may carry any
 * subset of its fields; {@code "threads": null} puts every node back on its own setting, an omitted one leaves it.
 */
@RestController
class QueueAdminController {

    private final QueueAdminService admin;

    QueueAdminController(QueueAdminService admin) {
        this.admin = admin;
    }

    record TypeJson(String type, String title, String queue, boolean paused, long queued, long running, long failed24h,
                    @Nullable Long oldestWaitSeconds, double throughputPerMinute) {
        static TypeJson of(TypeState t) {
            return new TypeJson(t.type(), t.title(), t.queue().column(), t.paused(), t.queued(), t.running(), t.failed24h(),
                    t.oldestWaitSeconds(), t.throughputPerMinute());
        }
    }

    record QueueJson(String queue, boolean paused, @Nullable Integer threads, int threadsOnline, long queued, long running, long failed24h,
                     @Nullable Long oldestWaitSeconds, double throughputPerMinute, List<TypeJson> types) {
        static QueueJson of(QueueState q) {
            return new QueueJson(q.queue().column(), q.paused(), q.threads(), q.threadsOnline(), q.queued(), q.running(), q.failed24h(),
                    q.oldestWaitSeconds(), q.throughputPerMinute(), q.types().stream().map(TypeJson::of).toList());
        }
    }

    record WorkerJson(String id, @Nullable String nodeId, String role, String host, int cpuThreads, int gpuThreads, @Nullable String gpuName,
                      @Nullable Long gpuMemoryBytes, String version, Instant startedAt, Instant lastSeenAt, String status) {
        static WorkerJson of(WorkerState w) {
            return new WorkerJson(w.id(), w.nodeId(), w.role(), w.host(), w.cpuThreads(), w.gpuThreads(), w.gpuName(), w.gpuMemoryBytes(),
                    w.version(), w.startedAt(), w.lastSeenAt(), w.status().name());
        }
    }

    record Retried(int retried) {
    }

    record Deleted(int deleted) {
    }

    @GetMapping("/api/v1/admin/queues")
    List<QueueJson> queues() {
        return admin.queues().stream().map(QueueJson::of).toList();
    }

    @PutMapping("/api/v1/admin/queues/{queue}")
    QueueJson update(@PathVariable String queue, @RequestBody JsonNode body) {
        JobQueue jobQueue = queue(queue);
        requireObject(body);
        Boolean paused = paused(body);
        boolean threadsGiven = body.has("threads");
        Integer threads = null;
        if (threadsGiven && !body.get("threads").isNull()) {
            JsonNode value = body.get("threads");
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw new IllegalArgumentException("threads: a whole number from 1 to " + QueueUpdate.MAX_THREADS + ", or null for each node's own setting.");
            }
            threads = value.intValue();
        }
        return QueueJson.of(admin.update(jobQueue, new QueueUpdate(paused, threadsGiven, threads)));
    }

    @PutMapping("/api/v1/admin/queues/{queue}/types/{type}")
    TypeJson updateType(@PathVariable String queue, @PathVariable String type, @RequestBody JsonNode body) {
        JobQueue jobQueue = queue(queue);
        requireObject(body);
        return TypeJson.of(admin.updateType(jobQueue, type, paused(body)));
    }

    @PostMapping("/api/v1/admin/queues/{queue}/types/{type}/retry-failed")
    Retried retryFailed(@PathVariable String queue, @PathVariable String type) {
        return new Retried(admin.retryFailed(queue(queue), type));
    }

    @DeleteMapping("/api/v1/admin/queues/{queue}/types/{type}/failed")
    Deleted clearFailed(@PathVariable String queue, @PathVariable String type) {
        return new Deleted(admin.clearFailed(queue(queue), type));
    }

    @GetMapping("/api/v1/admin/workers")
    List<WorkerJson> workers() {
        return admin.workers().stream().map(WorkerJson::of).toList();
    }

    private static JobQueue queue(String name) {
        for (JobQueue queue : JobQueue.values()) if (queue.column().equals(name.toLowerCase(Locale.ROOT))) return queue;
        throw new NoSuchElementException("No queue '" + name + "': the queues are cpu and gpu.");
    }

    private static void requireObject(JsonNode body) {
        if (!body.isObject()) throw new IllegalArgumentException("The body is a JSON object, e.g. {\"paused\": true}.");
    }

    private static @Nullable Boolean paused(JsonNode body) {
        if (!body.has("paused") || body.get("paused").isNull()) return null;
        if (!body.get("paused").isBoolean()) throw new IllegalArgumentException("paused: true or false.");
        return body.get("paused").booleanValue();
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
    }

    @ExceptionHandler(NoSuchElementException.class)
    ResponseEntity<ProblemDetail> notFound(NoSuchElementException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage()));
    }
}
