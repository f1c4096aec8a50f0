package dev.lightbox.admin.service;

import dev.lightbox.account.service.AccountDeleting;
import dev.lightbox.admin.domain.AuditRepository;
import dev.lightbox.base.audit.AdminActionPerformed;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Stores every admin action in the audit log, synchronously in the publisher's transaction: an action that rolls
 * back leaves no entry, and a failed write fails the action rather than letting it go unrecorded.
 */
@Component
class AuditRecorder {

    static final int MAX_DETAIL = 2000;

    private final AuditRepository audit;

    AuditRecorder(AuditRepository audit) {
        this.audit = audit;
    }

    @EventListener
    void on(AdminActionPerformed event) {
        String detail = event.detail();
        audit.insert(event, detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…");
    }

    /** In the deletion's transaction: the log keeps the actions of and on a deleted account, without naming it. */
    @EventListener
    void on(AccountDeleting event) {
        audit.forget(event.userId());
    }
}
