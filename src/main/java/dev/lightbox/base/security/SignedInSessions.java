package dev.lightbox.base.security;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * The browser sessions of this node, so a password change can end a user's other sessions at once: their next
 * request finds no session and lands on the login page.
 */
@Component
public class SignedInSessions implements HttpSessionListener, HttpSessionIdListener {

    private static final Logger log = LoggerFactory.getLogger(SignedInSessions.class);

    private final Map<String, HttpSession> sessions = new ConcurrentHashMap<>();

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        sessions.put(event.getSession().getId(), event.getSession());
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        sessions.remove(event.getSession().getId());
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        sessions.remove(oldSessionId);
        sessions.put(event.getSession().getId(), event.getSession());
    }

    /**
     * Ends every session signed in as {@code userId} except {@code keepSessionId}; returns how many it ended. The
     * sessions end on a thread of their own: ending one runs the UI framework's clean-up for it, which must not
     * disturb the per-thread state of the request (often another session's) that asked for it.
     */
    public int endOtherSessions(UUID userId, @Nullable String keepSessionId) {
        List<HttpSession> others = sessions.values().stream()
                .filter(session -> !session.getId().equals(keepSessionId) && userId.equals(signedInUser(session)))
                .toList();
        if (others.isEmpty()) return 0;
        var ended = new AtomicInteger();
        Thread ender = Thread.ofPlatform().name("end-sessions").daemon(true).start(() -> others.forEach(session -> {
            try {
                session.invalidate();
                ended.incrementAndGet();
            } catch (IllegalStateException alreadyInvalid) {
                sessions.remove(session.getId());
            }
        }));
        try {
            if (!ender.join(Duration.ofSeconds(10))) log.warn("Ending the other sessions of account {} takes longer than 10 s", userId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Ended {} other session(s) of account {}", ended.get(), userId);
        return ended.get();
    }

    private static @Nullable UUID signedInUser(HttpSession session) {
        try {
            if (session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) instanceof SecurityContext context) {
                Authentication authentication = context.getAuthentication();
                if (authentication != null && authentication.getPrincipal() instanceof LightboxUser user) return user.id();
            }
        } catch (IllegalStateException invalidated) {
            // ended meanwhile
        }
        return null;
    }
}
