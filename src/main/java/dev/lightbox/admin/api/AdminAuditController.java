package dev.lightbox.admin.api;

import dev.lightbox.admin.service.AuditFilter;
import dev.lightbox.admin.service.AuditPage;
import dev.lightbox.admin.service.AuditService;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log: who did what to whom and when, newest first, filterable. ADMIN only (chain and service). */
@RestController
class AdminAuditController {

    private final AuditService audit;

    AdminAuditController(AuditService audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/admin/audit")
    AuditPage audit(@RequestParam(required = false) @Nullable String cursor, @RequestParam(defaultValue = "50") int limit,
                    @RequestParam(required = false) @Nullable String action, @RequestParam(required = false) @Nullable String actor,
                    @RequestParam(required = false) @Nullable String target, @RequestParam(required = false) @Nullable String since,
                    @RequestParam(required = false) @Nullable String until) {
        return audit.page(new AuditFilter(action, actor, target, instant("since", since), instant("until", until)), cursor, limit);
    }

    static @Nullable Instant instant(String name, @Nullable String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": an ISO-8601 instant such as 2026-01-31T12:00:00Z.");
        }
    }
}
