package dev.lightbox.base.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * A path under {@code /api/v1/} that no controller maps answers 404 problem+json for every method. Without
 * this, Vaadin's catch-all forwarding served the web page's HTML with 200, so a typo looked like success.
 * The mapping sits after the controllers' mappings (a known path with the wrong method still answers 405)
 * and before Vaadin's and the static resources' catch-alls.
 */
@Configuration(proxyBeanMethods = false)
class UnknownApiPaths {

    static final String PATTERN = "/api/v1/**";

    @Bean
    SimpleUrlHandlerMapping unknownApiPathMapping(JsonMapper json) {
        HttpRequestHandler notFound = (request, response) -> writeNotFound(json, request, response);
        return new SimpleUrlHandlerMapping(Map.of(PATTERN, notFound), Ordered.LOWEST_PRECEDENCE - 10);
    }

    private static void writeNotFound(JsonMapper json, HttpServletRequest request, HttpServletResponse response) throws IOException {
        var problem = new Problem("about:blank", HttpStatus.NOT_FOUND.getReasonPhrase(), HttpStatus.NOT_FOUND.value(),
                "There is no API endpoint " + request.getMethod() + " " + request.getRequestURI()
                        + ". The API's endpoints are listed at /api/docs.",
                request.getRequestURI());
        response.setStatus(HttpStatus.NOT_FOUND.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    record Problem(String type, String title, int status, String detail, String instance) {
    }
}
