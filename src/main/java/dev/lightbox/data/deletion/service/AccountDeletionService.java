package dev.lightbox.data.deletion.service;

import dev.lightbox.account.service.AccountRemoval;
import dev.lightbox.account.service.AccountState;
import dev.lightbox.base.audit.AdminAction;
import dev.lightbox.base.audit.AdminAudit;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.base.security.LightboxUser;
import dev.lightbox.jobs.JobService;
import dev.lightbox.library.service.LibraryUsage;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.storage.ObjectDeletionJob;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deleting an account, by its owner (with their password) or by an admin: in one transaction, under the lock the
 * admin console's role changes take (so two deletions or a deletion and a demotion cannot both remove the last
 * enabled admin), the account's queued and running jobs are cancelled, {@code AccountDeleting} lets every module that
 * keeps objects enqueue their deletion (after commit, through the outbox jobs), and the users row goes with every
 * row that references it (foreign keys cascade). Its API tokens stop working with the row; its browser sessions on
 * this node end at commit. The last enabled admin cannot be deleted.
 */
@Service
public class AccountDeletionService {

    private static final Logger log = LoggerFactory.getLogger(AccountDeletionService.class);

    private final AccountRemoval accounts;
    private final JobService jobs;
    private final PhotoService photos;
    private final AdminAudit audit;
    private final TransactionTemplate transaction;

    AccountDeletionService(AccountRemoval accounts, JobService jobs, PhotoService photos, AdminAudit audit, TransactionTemplate transaction) {
        this.transaction = transaction;
        this.accounts = accounts;
        this.jobs = jobs;
        this.photos = photos;
        this.audit = audit;
    }

    /** What went with an account (no names: the audit log keeps these numbers only). */
    public record DeletedAccount(long photos, long bytes, int jobsCancelled) {
    }

    /**
     * The user deletes their own account. WrongPasswordException when {@code password} is not theirs,
     * DeletionRefusedException for the last enabled admin. {@code keepSessionId}: the caller's browser session, which
     * it signs out itself (every other session of the account ends at commit). The password is checked before the
     * transaction, through the sign-in throttle ({@code clientAddress}, empty when unknown):
     * LoginThrottledException while this account's email from that address has failed too often.
     */
    public DeletedAccount deleteOwn(UUID userId, @Nullable String password, String clientAddress, @Nullable String keepSessionId) {
        if (!accounts.passwordMatches(userId, password, clientAddress)) throw new WrongPasswordException();
        return Objects.requireNonNull(transaction.execute(status -> delete(userId, keepSessionId)));
    }

    /**
     * An admin deletes someone's account; audited without naming it. DeletionRefusedException for the admin's own
     * account (that goes through their Settings page, with their password) and for the last enabled admin;
     * NoSuchElementException for an unknown account.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public DeletedAccount deleteByAdmin(UUID id) {
        LightboxUser actor = CurrentUser.require();
        if (id.equals(actor.id())) {
            throw new DeletionRefusedException("You cannot delete your own account here: use account settings (it asks for your password).");
        }
        DeletedAccount deleted = delete(id, null);
        // the entry names neither the account's id nor its email: after deletion no row may reference it
        audit.record(actor, AdminAction.USER_DELETE, "user", null, "Deleted an account with " + deleted.photos() + " photo(s) ("
                + deleted.bytes() + " bytes); " + deleted.jobsCancelled() + " job(s) cancelled");
        return deleted;
    }

    private DeletedAccount delete(UUID id, @Nullable String keepSessionId) {
        accounts.lockAdminChanges();
        AccountState account = accounts.find(id);
        if (account.enabledAdmin() && accounts.enabledAdmins() <= 1) {
            throw new DeletionRefusedException("This is the last enabled admin: make another account an admin first.");
        }
        LibraryUsage usage = photos.usageByOwner(List.of(id)).getOrDefault(id, LibraryUsage.NONE);
        int cancelled = jobs.cancelAllOf(id);
        // exports/{userId}/ holds the account's export zips (whatever state their rows are in): all of it goes
        ObjectDeletionJob.requests(List.of(), List.of(exportPrefix(id))).forEach(jobs::enqueue);
        accounts.remove(id, keepSessionId);
        log.info("Account {} deleted: {} photo(s), {} job(s) cancelled", id, usage.photos(), cancelled);
        return new DeletedAccount(usage.photos(), usage.bytes(), cancelled);
    }

    static String exportPrefix(UUID userId) {
        return "exports/" + userId + "/";
    }
}
