package dev.lightbox.base.security;

import dev.lightbox.base.api.ServiceUnavailable;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Outermost part of the API filter chain: a dependency that is down, met before any controller runs (the
 * bearer token is looked up in the database), answers 503 problem+json with {@code Retry-After} too,
 * instead of falling through to the servlet container's 500 error page.
 */
class UnavailableDependencyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(UnavailableDependencyFilter.class);

    private final ProblemResponses problems;

    UnavailableDependencyFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException | IOException e) {
            if (!ServiceUnavailable.causedBy(e) || response.isCommitted()) throw e;
            log.warn("API request failed, a dependency is unavailable: {}", e.toString());
            response.resetBuffer();
            problems.unavailable(request, response);
        }
    }
}
