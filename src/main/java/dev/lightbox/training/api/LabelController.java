package dev.lightbox.training.api;

import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.library.service.PhotoLabels;
import dev.lightbox.training.service.LabelException;
import dev.lightbox.training.service.LabelService;
import dev.lightbox.training.service.RatingService;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Labels and ratings of the caller's photos: {@code PUT /api/v1/photos/{id}/labels}, {@code …/rating}, {@code GET /api/v1/labels}. */
@RestController
class LabelController {

    private final LabelService labels;
    private final RatingService ratings;

    LabelController(LabelService labels, RatingService ratings) {
        this.labels = labels;
        this.ratings = ratings;
    }

    record RatingBody(@Nullable Integer stars) {
    }

    @PutMapping("/api/v1/photos/{id}/labels")
    Map<String, List<String>> setLabels(@PathVariable UUID id, @RequestBody @Nullable List<String> body) {
        if (body == null) throw new LabelException(LabelException.Reason.INVALID, "labels: send a JSON array of labels, e.g. [\"cat\", \"dog\"].");
        return Map.of("labels", labels.setLabels(CurrentUser.require().id(), id, body));
    }

    @GetMapping("/api/v1/labels")
    List<PhotoLabels.LabelCount> labels() {
        return labels.labels(CurrentUser.require().id());
    }

    @PutMapping("/api/v1/photos/{id}/rating")
    Map<String, @Nullable Integer> rate(@PathVariable UUID id, @RequestBody RatingBody body) {
        var stars = ratings.rate(CurrentUser.require().id(), id, body.stars());
        var answer = new java.util.HashMap<String, @Nullable Integer>();
        answer.put("stars", stars.orElse(null));
        return answer;
    }

    @DeleteMapping("/api/v1/photos/{id}/rating")
    ResponseEntity<Void> clearRating(@PathVariable UUID id) {
        ratings.rate(CurrentUser.require().id(), id, null);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(LabelException.class)
    ResponseEntity<ProblemDetail> problem(LabelException e) {
        HttpStatus status = e.reason() == LabelException.Reason.NOT_FOUND ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, e.getMessage()));
    }
}
