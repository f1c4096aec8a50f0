package dev.lightbox.jobs.api;

import dev.lightbox.jobs.JobStats;
import dev.lightbox.jobs.JobStatsService;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/admin/jobs/stats?since=&until=} (ADMIN): per-type statistics of the jobs created in the window. */
@RestController
class JobStatsController {

    private final JobStatsService stats;
    private final Clock clock;

    JobStatsController(JobStatsService stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    @GetMapping("/api/v1/admin/jobs/stats")
    JobStats stats(@RequestParam(required = false) @Nullable String since, @RequestParam(required = false) @Nullable String until) {
        Instant end = until == null ? clock.instant() : instant("until", until);
        Instant start = since == null ? end.minus(JobStatsService.DEFAULT_WINDOW) : instant("since", since);
        return stats.stats(start, end);
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": an ISO-8601 instant such as 2026-01-31T12:00:00Z.");
        }
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage()));
    }
}
