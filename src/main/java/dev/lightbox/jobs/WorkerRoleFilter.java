package dev.lightbox.jobs;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** A {@code worker} node serves no UI and no API: only its health endpoint answers. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class WorkerRoleFilter extends OncePerRequestFilter {

    private final boolean workerOnly;

    WorkerRoleFilter(JobsProperties props) {
        this.workerOnly = !props.role().servesUi();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !workerOnly || request.getRequestURI().startsWith("/actuator/health");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("This Lightbox node runs jobs only (LIGHTBOX_ROLE=worker). Open the web node instead.\n");
    }
}
