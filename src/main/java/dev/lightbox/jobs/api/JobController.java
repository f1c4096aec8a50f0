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

    /** Server-Sent Events: the job's state now, then every change, until it ends. */
    @GetMapping(value = "/{id}/events", produces = "text/event-stream")
    ResponseEntity<SseEmitter> events(@PathVariable UUID id) throws IOException {
        UUID owner = CurrentUser.require().id();
        if (jobs.find(owner, id).isEmpty()) return ResponseEntity.notFound().build();
        var emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        var subscription = events.subscribe(event -> {
            if (!event.id().equals(id)) return;
            try {
                emitter.send(SseEmitter.event().name(event.status().finished() ? "end" : "progress").data(JobJson.Event.of(event)));
                if (event.status().finished()) emitter.complete();
            } catch (IOException | IllegalStateException gone) {
                emitter.completeWithError(gone);
            }
        });
        emitter.onCompletion(subscription::close);
        emitter.onTimeout(subscription::close);
        emitter.onError(e -> subscription.close());
        JobView now = jobs.find(owner, id).orElseThrow(); // read after subscribing: no change falls in between
        emitter.send(SseEmitter.event().name(now.status().finished() ? "end" : "progress").data(JobJson.Event.of(now)));
        if (now.status().finished()) emitter.complete();
        return ResponseEntity.ok().header("Cache-Control", "no-cache").header("X-Accel-Buffering", "no").body(emitter);
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
