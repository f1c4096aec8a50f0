package dev.lightbox.coach.api;

import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.coach.service.CoachAnswer;
import dev.lightbox.coach.service.CoachService;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/coach/ask {question}}: an answer from the caller's own data (question required, at most 500
 * characters, else 400); {@code GET /api/v1/coach/suggestions}: questions that have answers for the caller's data.
 */
@RestController
class CoachController {

    private final CoachService coach;

    CoachController(CoachService coach) {
        this.coach = coach;
    }

    record AskJson(@Nullable String question) {
    }

    record SuggestionsJson(List<String> suggestions) {
    }

    @PostMapping("/api/v1/coach/ask")
    CoachAnswer ask(@RequestBody AskJson body) {
        String question = body.question();
        if (question == null) throw new IllegalArgumentException("question: required.");
        return coach.ask(CurrentUser.require().id(), question);
    }

    @GetMapping("/api/v1/coach/suggestions")
    SuggestionsJson suggestions() {
        return new SuggestionsJson(coach.suggestions(CurrentUser.require().id()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
    }
}
