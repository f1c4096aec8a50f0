package dev.lightbox.account.service;

import dev.lightbox.account.domain.Role;
import dev.lightbox.account.domain.User;
import dev.lightbox.account.domain.UserRepository;
import dev.lightbox.base.security.SignedInSessions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The account changes the admin console makes: listing accounts, disabling and enabling them, granting and taking the
 * admin role. The rules about them (never the last admin) live with the caller, which runs them in its transaction
 * after {@link #lockAdminChanges()}. Admins only.
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class AccountAdministration {

    private static final Logger log = LoggerFactory.getLogger(AccountAdministration.class);

    private final UserRepository users;
    private final SignedInSessions sessions;
    private final Clock clock;

    AccountAdministration(UserRepository users, SignedInSessions sessions, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Oldest first; {@code limit} + 1 rows after (createdAt, id) so the caller can tell whether more follow. */
    @Transactional(readOnly = true)
    public List<AccountState> page(@Nullable String emailContains, @Nullable Instant afterCreatedAt, @Nullable UUID afterId, int limit) {
        String pattern = emailContains == null || emailContains.isBlank() ? null
                : "%" + emailContains.strip().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return users.page(afterCreatedAt, afterId, pattern, limit).stream().map(AccountAdministration::state).toList();
    }

    /** Held until the caller's transaction ends: admin-role and disabling changes happen one at a time. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockAdminChanges() {
        users.lockAdminChanges();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public long enabledAdmins() {
        return users.countEnabledAdmins();
    }

    @Transactional(readOnly = true)
    public AccountState find(UUID id) {
        return state(user(id));
    }

    /**
     * Disables the account: its sign-in is refused with {@code reason}, its API tokens answer 401 from the next
     * request, and once the caller's transaction commits its browser sessions on this node end.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public AccountState disable(UUID id, @Nullable String reason) {
        User user = user(id);
        user.disable(clock.instant(), reason);
        endSessionsAfterCommit(id);
        log.info("Account {} disabled by an admin", id);
        return state(user);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public AccountState enable(UUID id) {
        User user = user(id);
        user.enable();
        log.info("Account {} enabled by an admin", id);
        return state(user);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public AccountState setAdmin(UUID id, boolean admin) {
        User user = user(id);
        user.changeRole(admin ? Role.ADMIN : Role.USER);
        // a browser session keeps the roles it signed in with: a demoted admin signs in again as a user
        if (!admin) endSessionsAfterCommit(id);
        log.info("Account {} is now {}", id, user.getRole());
        return state(user);
    }

    private void endSessionsAfterCommit(UUID id) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                sessions.endOtherSessions(id, null);
            }
        });
    }

    private User user(UUID id) {
        return users.findById(id).orElseThrow(() -> new NoSuchElementException("No such account."));
    }

    static AccountState state(User user) {
        return new AccountState(user.getId(), user.getEmail(), user.getRole().name(), user.isDisabled(), user.getDisabledReason(),
                user.getCreatedAt(), user.getLastSignInAt());
    }
}
