package dev.lightbox.admin.service;

import dev.lightbox.account.service.AccountAdministration;
import dev.lightbox.account.service.AccountState;
import dev.lightbox.base.audit.AdminAction;
import dev.lightbox.base.audit.AdminAudit;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.base.security.LightboxUser;
import dev.lightbox.billing.service.CreditService;
import dev.lightbox.library.service.LibraryUsage;
import dev.lightbox.library.service.PhotoService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admin console's users: a cursor list with each user's photos, bytes and credits (one query per module per page),
 * and disabling, enabling, granting and taking the admin role. There is always at least one enabled admin: changes
 * that could remove one run one at a time under a lock, and an admin cannot disable themselves. Every change is audited.
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class AdminUserService {

    public static final int MAX_PAGE = 200;
    public static final int MAX_REASON = 300;

    private final AccountAdministration accounts;
    private final PhotoService photos;
    private final CreditService credits;
    private final AdminAudit audit;

    AdminUserService(AccountAdministration accounts, PhotoService photos, CreditService credits, AdminAudit audit) {
        this.accounts = accounts;
        this.photos = photos;
        this.credits = credits;
        this.audit = audit;
    }

    /** {@code limit} 1..{@value #MAX_PAGE}; IllegalArgumentException for a bad limit or cursor. */
    @Transactional(readOnly = true)
    public UserPage page(@Nullable String cursor, int limit) {
        return page(null, cursor, limit);
    }

    /** Only accounts whose email contains {@code emailContains} (case-insensitive) when given. */
    @Transactional(readOnly = true)
    public UserPage page(@Nullable String emailContains, @Nullable String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) throw new IllegalArgumentException("limit: must be between 1 and " + MAX_PAGE + ".");
        Instant afterCreated = null;
        UUID afterId = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                afterCreated = Instant.parse(parts[0]);
                afterId = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cursor: not a cursor this server issued");
            }
        }
        List<AccountState> rows = accounts.page(emailContains, afterCreated, afterId, limit + 1);
        List<AccountState> shown = rows.subList(0, Math.min(limit, rows.size()));
        List<AdminUser> items = withUsage(shown);
        String next = null;
        if (rows.size() > limit) {
            AccountState last = shown.getLast();
            next = Base64.getUrlEncoder().withoutPadding().encodeToString((last.createdAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
        }
        return new UserPage(items, next);
    }

    /**
     * Applies the given fields. AdminRefusedException (409) when it would leave no enabled admin or an admin disables
     * themselves; NoSuchElementException for an unknown account; IllegalArgumentException for a reason too long.
     */
    @Transactional
    public AdminUser update(UUID id, UserUpdate update) {
        LightboxUser actor = CurrentUser.require();
        String reason = update.reason() == null || update.reason().isBlank() ? null : update.reason().strip();
        if (reason != null && reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("reason: at most " + MAX_REASON + " characters.");
        }
        accounts.lockAdminChanges();
        AccountState before = accounts.find(id);
        boolean disable = update.disabled() != null && update.disabled() && !before.disabled();
        boolean enable = update.disabled() != null && !update.disabled() && before.disabled();
        boolean makeAdmin = update.admin() != null && update.admin() && !before.admin();
        boolean revokeAdmin = update.admin() != null && !update.admin() && before.admin();
        if (disable && id.equals(actor.id())) {
            throw new AdminRefusedException("You cannot disable your own account: ask another admin.");
        }
        boolean stillEnabledAdmin = (makeAdmin || before.admin() && !revokeAdmin) && (enable || !before.disabled() && !disable);
        if (before.enabledAdmin() && !stillEnabledAdmin && accounts.enabledAdmins() <= 1) {
            throw new AdminRefusedException("This is the last enabled admin: make another account an admin first.");
        }
        String who = before.email();
        if (disable) {
            accounts.disable(id, reason);
            audit.record(actor, AdminAction.USER_DISABLE, "user", id.toString(), "Disabled " + who + (reason == null ? "" : ": " + reason));
        }
        if (enable) {
            accounts.enable(id);
            audit.record(actor, AdminAction.USER_ENABLE, "user", id.toString(), "Enabled " + who);
        }
        if (makeAdmin) {
            accounts.setAdmin(id, true);
            audit.record(actor, AdminAction.USER_MAKE_ADMIN, "user", id.toString(), "Made " + who + " an admin");
        }
        if (revokeAdmin) {
            accounts.setAdmin(id, false);
            audit.record(actor, AdminAction.USER_REVOKE_ADMIN, "user", id.toString(), "Took the admin role from " + who);
        }
        return withUsage(List.of(accounts.find(id))).getFirst();
    }

    private List<AdminUser> withUsage(List<AccountState> accountsShown) {
        List<UUID> ids = accountsShown.stream().map(AccountState::id).toList();
        Map<UUID, LibraryUsage> usage = photos.usageByOwner(ids);
        Map<UUID, Long> balances = credits.balances(ids);
        return accountsShown.stream().map(account -> {
            LibraryUsage library = usage.getOrDefault(account.id(), LibraryUsage.NONE);
            return new AdminUser(account.id(), account.email(), account.role(), account.disabled(), account.disabledReason(),
                    account.createdAt(), account.lastSignInAt(), library.photos(), library.bytes(), balances.getOrDefault(account.id(), 0L));
        }).toList();
    }
}
