package dev.lightbox.data.backup.api;

import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.data.backup.service.BackupService;
import dev.lightbox.data.backup.service.BackupSummary;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/admin/backups} (ADMIN): back up now (202 {jobId}), and the backups kept in {@code <data dir>/backups/}. */
@RestController
class BackupController {

    private final BackupService backups;

    BackupController(BackupService backups) {
        this.backups = backups;
    }

    record RunJson(UUID jobId) {
    }

    record ListJson(List<BackupSummary> items, @Nullable String nextCursor) {
    }

    @PostMapping("/api/v1/admin/backups")
    ResponseEntity<RunJson> run() {
        return ResponseEntity.accepted().body(new RunJson(backups.runNow(CurrentUser.require().id())));
    }

    /** Newest first; at most {@code LIGHTBOX_BACKUP_KEEP} (plus those an admin made today), so one page. */
    @GetMapping("/api/v1/admin/backups")
    ListJson list() {
        return new ListJson(backups.list(), null);
    }
}
