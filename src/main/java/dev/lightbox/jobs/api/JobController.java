package dev.lightbox.jobs.api;

import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.jobs.JobEvents;
import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.jobs.JobTypes;
import dev.lightbox.jobs.JobView;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code /api/v1/jobs}: the caller's jobs, cancel, retry, and a live event stream per job. */
@RestController
@RequestMapping("/api/v1/jobs")
class JobController {

    private static final Duration STREAM_TIMEOUT = Duration.ofHours(1);

    private final JobService jobs;
    private final JobEvents events;
    private final JobTypes types;

    JobController(JobService jobs, JobEvents events, JobTypes types) {
        this.jobs = jobs;
        this.events = events;
        this.types = types;
    }

    record PageJson(List<JobJson> items, @Nullable String nextCursor) {
    }

    @GetMapping
    PageJson list(@RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String cursor,
                  @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > JobService.MAX_PAGE) throw new IllegalArgumentException("limit: must be between 1 and " + JobService.MAX_PAGE + ".");
        var page = jobs.list(CurrentUser.require().id(), parseStatus(status), cursor, limit);
        return new PageJson(page.items().stream().map(j -> JobJson.of(j, types)).toList(), page.nextCursor());
    }

    @GetMapping("/{id}")
    ResponseEntity<JobJson> get(@PathVariable UUID id) {
        return jobs.find(CurrentUser.require().id(), id).map(j -> JobJson.of(j, types)).map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @PostMapping("/{id}/cancel")
    ResponseEntity<?> cancel(@PathVariable UUID id) {
        UUID owner = CurrentUser.require().id();
        if (jobs.find(owner, id).isEmpty()) return ResponseEntity.notFound().build();
        return jobs.cancel(owner, id)
                .<ResponseEntity<?>>map(status -> ResponseEntity.accepted().body(Map.of("status", status == JobStatus.RUNNING ? "CANCELLING" : status.name())))
                .orElseGet(() -> conflict("Only queued or running jobs can be cancelled."));
    }

    @PostMapping("/{id}/retry")
    ResponseEntity<?> retry(@PathVariable UUID id) {
        UUID owner = CurrentUser.require().id();
        if (jobs.find(owner, id).isEmpty()) return ResponseEntity.notFound().build();
        return jobs.retry(owner, id) ? ResponseEntity.accepted().body(Map.of("status", "QUEUED"))
                : conflict("Only failed or cancelled jobs can be retried.");
    }

    /**
     * Server-Sent Events: the job's state now, then every change, until it ends. Each event's {@code id} is the
     * job's version: states only ever move forward, and a client reconnecting with {@code Last-Event-ID} is sent
     * only what is newer than the state it saw.
     */
    @GetMapping(value = "/{id}/events", produces = "text/event-stream")
    ResponseEntity<SseEmitter> events(@PathVariable UUID id, @RequestHeader(value = "Last-Event-ID", required = false) @Nullable String lastEventId) {
        UUID owner = CurrentUser.require().id();
        if (jobs.find(owner, id).isEmpty()) return ResponseEntity.notFound().build();
        var emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        var stream = new JobStream(emitter, seen(lastEventId));
        var subscription = events.subscribe(event -> {
            if (event.id().equals(id)) stream.send(event.version(), event.status().finished(), JobJson.Event.of(event));
        });
        emitter.onCompletion(subscription::close);
        emitter.onTimeout(subscription::close);
        emitter.onError(e -> subscription.close());
        JobView now = jobs.find(owner, id).orElseThrow(); // read after subscribing: no change falls in between
        stream.send(now.version(), now.status().finished(), JobJson.Event.of(now));
        if (stream.ended()) subscription.close(); // completed before the response started: no completion callback follows
        return ResponseEntity.ok().header("Cache-Control", "no-cache").header("X-Accel-Buffering", "no").body(emitter);
    }

    private static long seen(@Nullable String lastEventId) {
        if (lastEventId == null) return 0;
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            return 0; // not an id this server sent: start from the current state
        }
    }

    /** One client's stream: sends a state only when it is newer than the last one sent; ends after the final state. */
    private static final class JobStream {
        private final SseEmitter emitter;
        private long lastSent;
        private boolean ended;

        JobStream(SseEmitter emitter, long lastSeen) {
            this.emitter = emitter;
            this.lastSent = lastSeen;
        }

        synchronized boolean ended() {
            return ended;
        }

        synchronized void send(long version, boolean finished, JobJson.Event data) {
            if (ended) return;
            try {
                if (version > lastSent) {
                    lastSent = version;
                    emitter.send(SseEmitter.event().id(Long.toString(version)).name(finished ? "end" : "progress").data(data));
                }
                if (finished) {
                    ended = true;
                    emitter.complete();
                }
            } catch (IOException | IllegalStateException gone) {
                ended = true;
                emitter.completeWithError(gone);
            }
        }
    }

    private static @Nullable JobStatus parseStatus(@Nullable String status) {
        if (status == null || status.isBlank()) return null;
        try {
            return JobStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status: one of QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED.");
        }
    }

    private static ResponseEntity<ProblemDetail> conflict(String detail) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
    }
}
