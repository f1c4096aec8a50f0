package dev.lightbox.scoring.api;

import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.scoring.service.ScoringConfig;
import dev.lightbox.scoring.service.ScoringConfigService;
import dev.lightbox.scoring.service.ScoringException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/scoring-configs}: the caller's configs; a weight left out is 0. */
@RestController
@RequestMapping("/api/v1/scoring-configs")
class ScoringConfigController {

    private final ScoringConfigService configs;

    ScoringConfigController(ScoringConfigService configs) {
        this.configs = configs;
    }

    record Body(@Nullable String name, @Nullable Map<String, Double> weights, ScoringConfig.@Nullable Thresholds thresholds) {
        String nameOrBlank() {
            return name == null ? "" : name;
        }

        Map<String, Double> weightsOrNone() {
            return weights == null ? Map.of() : weights;
        }

        ScoringConfig.Thresholds thresholdsOrNone() {
            return thresholds == null ? ScoringConfig.Thresholds.NONE : thresholds;
        }
    }

    @GetMapping
    List<ScoringConfig> list() {
        return configs.list(CurrentUser.require().id());
    }

    @PostMapping
    ResponseEntity<ScoringConfig> create(@RequestBody Body body) {
        var created = configs.create(CurrentUser.require().id(), body.nameOrBlank(), body.weightsOrNone(), body.thresholdsOrNone());
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @GetMapping("/{id}")
    ResponseEntity<ScoringConfig> get(@PathVariable UUID id) {
        return configs.find(CurrentUser.require().id(), id).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.notFound().build());
    }

    @PutMapping("/{id}")
    ScoringConfig update(@PathVariable UUID id, @RequestBody Body body) {
        return configs.update(CurrentUser.require().id(), id, body.nameOrBlank(), body.weightsOrNone(), body.thresholdsOrNone());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        configs.delete(CurrentUser.require().id(), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/activate")
    ScoringConfig activate(@PathVariable UUID id) {
        return configs.activate(CurrentUser.require().id(), id);
    }

    @ExceptionHandler(ScoringException.class)
    ResponseEntity<ProblemDetail> problem(ScoringException e) {
        HttpStatus status = switch (e.reason()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, e.getMessage()));
    }
}
