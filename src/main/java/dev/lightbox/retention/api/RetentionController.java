package dev.lightbox.retention.api;

import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.retention.service.RetentionService;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/admin/retention/run} (ADMIN, as all of {@code /api/v1/admin/**}): runs the retention sweep now. */
@RestController
class RetentionController {

    private final RetentionService retention;

    RetentionController(RetentionService retention) {
        this.retention = retention;
    }

    record RunJson(UUID jobId) {
    }

    @PostMapping("/api/v1/admin/retention/run")
    ResponseEntity<RunJson> run() {
        return ResponseEntity.accepted().body(new RunJson(retention.runNow(CurrentUser.require().id())));
    }
}
