package dev.lightbox.base.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.RequestPath;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Matches {@code /api/v1/} requests no controller maps, so they reach the 404 answer signed in or not: asking
 * for a token first would only hide that the path is wrong. A known path with another method is not unknown.
 */
final class UnknownApiPathMatcher implements RequestMatcher {

    private static final String PREFIX = "/api/v1/";

    private final ObjectProvider<RequestMappingHandlerMapping> controllers;

    UnknownApiPathMatcher(ObjectProvider<RequestMappingHandlerMapping> controllers) {
        this.controllers = controllers;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith(PREFIX)) return false;
        Object previous = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
        try {
            ServletRequestPathUtils.parseAndCache(request);
            return controllers.getObject().getHandler(request) == null;
        } catch (Exception e) {
            return false; // a mapped path the request does not fit (method, media type): the controllers answer
        } finally {
            if (previous instanceof RequestPath) request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, previous);
            else request.removeAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
        }
    }
}
