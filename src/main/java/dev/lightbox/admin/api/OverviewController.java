package dev.lightbox.admin.api;

import dev.lightbox.admin.service.Overview;
import dev.lightbox.admin.service.OverviewService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/admin/overview} (ADMIN): the server at a glance. */
@RestController
class OverviewController {

    private final OverviewService overview;

    OverviewController(OverviewService overview) {
        this.overview = overview;
    }

    @GetMapping("/api/v1/admin/overview")
    Overview overview() {
        return overview.overview();
    }
}
