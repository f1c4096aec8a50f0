package dev.lightbox.base.audit;

import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.base.security.LightboxUser;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Records an admin action: call it in the same transaction as the change (when there is one). */
@Component
public class AdminAudit {

    private final ApplicationEventPublisher events;
    private final Clock clock;

    AdminAudit(ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** By the signed-in user of this request or UI session. */
    public void record(AdminAction action, @Nullable String targetType, @Nullable String targetId, String detail) {
        record(CurrentUser.require(), action, targetType, targetId, detail);
    }

    public void record(LightboxUser actor, AdminAction action, @Nullable String targetType, @Nullable String targetId, String detail) {
        events.publishEvent(new AdminActionPerformed(actor.id(), actor.email(), action, targetType, targetId, detail, clock.instant()));
    }
}
