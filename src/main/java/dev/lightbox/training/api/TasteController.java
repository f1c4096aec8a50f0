package dev.lightbox.training.api;

import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.training.service.LabelException;
import dev.lightbox.training.service.TasteService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/taste}: "learn my taste" from your star ratings (the personal score), and what it last learnt. */
@RestController
class TasteController {

    private final TasteService taste;

    TasteController(TasteService taste) {
        this.taste = taste;
    }

    @GetMapping("/api/v1/taste")
    Map<String, Object> status() {
        var status = taste.status(CurrentUser.require().id());
        var json = new LinkedHashMap<String, Object>();
        json.put("ratings", status.ratings());
        json.put("needed", status.needed());
        json.put("last", status.last().orElse(null));
        return json;
    }

    @PostMapping("/api/v1/taste")
    ResponseEntity<Map<String, UUID>> learn() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("jobId", taste.learn(CurrentUser.require().id())));
    }

    @ExceptionHandler(LabelException.class)
    ResponseEntity<ProblemDetail> problem(LabelException e) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
    }
}
