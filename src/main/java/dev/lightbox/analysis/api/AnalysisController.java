package dev.lightbox.analysis.api;

import dev.lightbox.analysis.service.AnalysisService;
import dev.lightbox.base.security.CurrentUser;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How much of the caller's library the current analyzer has seen, and "re-analyse library" (the
 * caller's, or every library for admins under {@code /api/v1/admin}, which the security chain guards).
 */
@RestController
class AnalysisController {

    private final AnalysisService analyses;

    AnalysisController(AnalysisService analyses) {
        this.analyses = analyses;
    }

    record CoverageJson(int analyzerVersion, long photos, long current, long outdated, long pending) {
    }

    @GetMapping("/api/v1/analysis")
    CoverageJson coverage() {
        var c = analyses.coverage(CurrentUser.require().id());
        return new CoverageJson(AnalysisService.currentVersion(), c.photos(), c.current(), c.outdated(), c.pending());
    }

    @PostMapping("/api/v1/analysis/reanalyse")
    ResponseEntity<Map<String, UUID>> reanalyseMine() {
        UUID me = CurrentUser.require().id();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("jobId", analyses.reanalyse(me)));
    }

    @PostMapping("/api/v1/admin/analysis/reanalyse")
    ResponseEntity<Map<String, UUID>> reanalyseAll() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("jobId", analyses.reanalyseAll(CurrentUser.require().id())));
    }
}
