package dev.lightbox.admin.service;

import dev.lightbox.admin.domain.AuditRepository;
import dev.lightbox.admin.domain.AuditRepository.Criteria;
import dev.lightbox.admin.domain.AuditRepository.Row;
import dev.lightbox.base.audit.AdminAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading the admin audit log, newest first, keyset paged. Admins only. */
@Service
public class AuditService {

    public static final int MAX_PAGE = 200;

    private final AuditRepository audit;

    AuditService(AuditRepository audit) {
        this.audit = audit;
    }

    /**
     * {@code limit} 1..{@value #MAX_PAGE}; {@code cursor} one a previous page returned. IllegalArgumentException naming
     * the parameter for an unknown action, a bad cursor or limit.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public AuditPage page(AuditFilter filter, @Nullable String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) throw new IllegalArgumentException("limit: must be between 1 and " + MAX_PAGE + ".");
        String actionKey = strip(filter.action());
        String action = actionKey == null ? null : AdminAction.ofKey(actionKey).key();
        UUID actorId = null;
        String actorEmail = null;
        String actor = strip(filter.actor());
        if (actor != null) {
            try {
                actorId = UUID.fromString(actor);
            } catch (IllegalArgumentException notAnId) {
                actorEmail = actor.toLowerCase(Locale.ROOT);
            }
        }
        if (filter.since() != null && filter.until() != null && !filter.since().isBefore(filter.until())) {
            throw new IllegalArgumentException("until: must lie after since.");
        }
        String target = strip(filter.target());
        Criteria criteria = new Criteria(action, actorId, actorEmail, target, filter.since(), filter.until());
        Instant beforeAt = null;
        long beforeId = 0;
        if (cursor != null && !cursor.isBlank()) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                beforeAt = Instant.parse(parts[0]);
                beforeId = Long.parseLong(parts[1]);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cursor: not a cursor this server issued");
            }
        }
        List<Row> rows = audit.find(criteria, beforeAt, beforeId, limit + 1);
        boolean more = rows.size() > limit;
        List<AuditEntry> items = rows.subList(0, Math.min(limit, rows.size())).stream()
                .map(row -> new AuditEntry(row.id(), row.at(), row.actorId(), row.actorEmail(), row.action(), row.targetType(),
                        row.targetId(), row.detail()))
                .toList();
        String next = more ? Base64.getUrlEncoder().withoutPadding()
                .encodeToString((items.getLast().at() + "|" + items.getLast().id()).getBytes(StandardCharsets.UTF_8)) : null;
        return new AuditPage(items, next);
    }

    private static @Nullable String strip(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
