package dev.lightbox.jobs.api;

import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.jobs.DiagnosticsService;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.domain.DiagnosticsReport;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/admin/jobs/diagnostics} (ADMIN): run diagnostic jobs and see what became of them. */
@RestController
class DiagnosticsController {

    private final DiagnosticsService diagnostics;

    DiagnosticsController(DiagnosticsService diagnostics) {
        this.diagnostics = diagnostics;
    }

    record Request(@Min(1) @Max(100_000) int count, @Min(0) @Max(600_000) int sleepMs, @Nullable String queue, @Nullable Boolean record) {
    }

    @PostMapping("/api/v1/admin/jobs/diagnostics")
    ResponseEntity<Map<String, Object>> enqueue(@Valid @RequestBody Request body) {
        JobQueue queue = "gpu".equalsIgnoreCase(body.queue()) ? JobQueue.GPU : JobQueue.CPU;
        int enqueued = diagnostics.enqueue(CurrentUser.require().id(), body.count(), body.sleepMs(), queue, !Boolean.FALSE.equals(body.record()));
        return ResponseEntity.accepted().body(Map.of("enqueued", enqueued));
    }

    @GetMapping("/api/v1/admin/jobs/diagnostics")
    DiagnosticsReport report() {
        return diagnostics.report();
    }
}
