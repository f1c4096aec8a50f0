package dev.lightbox.base.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API requests carrying {@code Authorization: Bearer <token>}. A token that is unknown or
 * expired or revoked is refused with 401 at once rather than passed on as anonymous.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final ApiTokenAuthenticator authenticator;
    private final ProblemResponses problems;

    BearerTokenFilter(ApiTokenAuthenticator authenticator, ProblemResponses problems) {
        this.authenticator = authenticator;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            chain.doFilter(request, response);
            return;
        }
        var authentication = authenticator.authenticate(header.substring(PREFIX.length()).trim());
        if (authentication.isEmpty()) {
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "The API token is invalid, has expired or has been revoked.");
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication.get());
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
