package dev.lightbox.billing.api;

import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.billing.service.CreditService;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.support.TestJobHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Test-only paid endpoint (found by component scan on the test classpath): queues waiting paid work, or answers 402. */
@RestController
class PaidTestController {

    private final CreditService credits;

    PaidTestController(CreditService credits) {
        this.credits = credits;
    }

    @PostMapping("/api/v1/test/paid-work")
    ResponseEntity<Map<String, UUID>> paid(@RequestParam long price) {
        UUID owner = CurrentUser.require().id();
        UUID job = credits.enqueuePaid(owner, price, "Test paid work",
                JobRequest.of(TestJobHandlers.STEPS, owner, new TestJobHandlers.Steps(1, 0)).delayedBy(Duration.ofHours(1)));
        return ResponseEntity.accepted().body(Map.of("jobId", job));
    }
}
