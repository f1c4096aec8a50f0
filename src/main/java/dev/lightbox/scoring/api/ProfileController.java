package dev.lightbox.scoring.api;

import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.scoring.service.ProfileService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/profile}: the caller's library profile (404 while nothing is analysed yet). */
@RestController
class ProfileController {

    private final ProfileService profiles;

    ProfileController(ProfileService profiles) {
        this.profiles = profiles;
    }

    @GetMapping("/api/v1/profile")
    ResponseEntity<?> profile() {
        return profiles.profile(CurrentUser.require().id())
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                        "Your library has no analysed photos yet: upload photos and the profile appears once they are analysed.")));
    }
}
