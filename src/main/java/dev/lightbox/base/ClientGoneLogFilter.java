package dev.lightbox.base;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * A browser tab closed while the server pushed to it is normal, not an error: Vaadin's push handler logs it as
 * an ERROR with a stack trace ("Exception in push connection … the WebSocket session has been closed"). This
 * filter turns exactly those events (push or Atmosphere loggers, a cause that says the client is gone) into one
 * DEBUG line; every other error of those loggers is logged as before.
 */
@Component
class ClientGoneLogFilter extends TurboFilter {

    private static final Logger log = LoggerFactory.getLogger(ClientGoneLogFilter.class);

    /** At startup; again is harmless (tests call it after other application contexts re-initialised Logback). */
    @PostConstruct
    void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            setName("lightbox-client-gone");
            addTo(context);
        }
    }

    private void addTo(LoggerContext context) {
        setContext(context);
        start();
        if (!context.getTurboFilterList().contains(this)) context.addTurboFilter(this);
    }

    @PreDestroy
    void uninstall() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getTurboFilterList().remove(this);
        }
    }

    @Override
    public FilterReply decide(@Nullable Marker marker, ch.qos.logback.classic.Logger logger, Level level, @Nullable String format,
                              Object @Nullable [] params, @Nullable Throwable t) {
        if (t == null || !level.isGreaterOrEqual(Level.WARN) || !isPushLogger(logger.getName()) || !clientGone(t)) return FilterReply.NEUTRAL;
        log.debug("A browser tab went away during a push ({}): {}", format, t.toString());
        return FilterReply.DENY;
    }

    private static boolean isPushLogger(String name) {
        return name.startsWith("com.vaadin.flow.server.communication") || name.startsWith("org.atmosphere");
    }

    static boolean clientGone(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (DisconnectedClientHelper.isClientDisconnectedException(cause) || cause instanceof ClosedChannelException
                    || cause.getClass().getName().equals("org.apache.catalina.connector.ClientAbortException")) {
                return true;
            }
            String message = cause.getMessage() == null ? "" : cause.getMessage();
            if (cause instanceof IllegalStateException && message.contains("WebSocket session has been closed")) return true;
            if (cause instanceof IOException && (message.contains("Broken pipe") || message.contains("Connection reset"))) return true;
            if (cause.getCause() == cause) break;
        }
        return false;
    }
}
