package dev.lightbox.base.security;

import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

/** The user of the current request or UI session; services scope every query by it. */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static Optional<LightboxUser> find() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof LightboxUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    public static LightboxUser require() {
        return find().orElseThrow(() -> new AccessDeniedException("Not signed in"));
    }
}
