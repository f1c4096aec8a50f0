package dev.lightbox.account.service;

import dev.lightbox.account.domain.User;
import dev.lightbox.account.domain.UserRepository;
import dev.lightbox.base.security.SignedInSessions;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Deleting an account, for the data module's account deletion (which holds the rules: who may, never the last admin).
 * Everything here runs in the caller's transaction, after {@link #lockAdminChanges()}.
 */
@Service
public class AccountRemoval {

    private static final Logger log = LoggerFactory.getLogger(AccountRemoval.class);

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final SignedInSessions sessions;
    private final ApplicationEventPublisher events;
    private final LoginThrottle throttle;

    AccountRemoval(UserRepository users, PasswordEncoder passwordEncoder, SignedInSessions sessions, ApplicationEventPublisher events,
                   LoginThrottle throttle) {
        this.throttle = throttle;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.sessions = sessions;
        this.events = events;
    }

    /**
     * Whether {@code password} is the account's password (false for a missing one or an unknown account), through the
     * sign-in throttle keyed by the account's email and {@code clientAddress} (empty when unknown): refused with
     * {@link LoginThrottledException} while that pair or the address has failed too often. Call it outside a
     * transaction: the hash and the throttle's delay must not hold a database connection.
     */
    public boolean passwordMatches(UUID id, @Nullable String password, String clientAddress) {
        if (password == null || password.isEmpty()) return false;
        Optional<User> user = users.findById(id);
        if (user.isEmpty()) return false;
        LoginThrottle.Attempt attempt = throttle.reserve(user.get().getEmail(), clientAddress);
        boolean judged = false;
        try {
            AccountService.pause(attempt.delay());
            boolean matches = passwordEncoder.matches(password, user.get().getPasswordHash());
            judged = true;
            if (matches) throttle.succeeded(attempt);
            else throttle.failed(attempt);
            return matches;
        } finally {
            if (!judged) throttle.abandoned(attempt);
        }
    }

    /** The same lock as the admin console's role and disabling changes: held until the caller's transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockAdminChanges() {
        users.lockAdminChanges();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public long enabledAdmins() {
        return users.countEnabledAdmins();
    }

    /** NoSuchElementException for an unknown account. */
    @Transactional(propagation = Propagation.MANDATORY)
    public AccountState find(UUID id) {
        return AccountAdministration.state(users.findById(id).orElseThrow(() -> new NoSuchElementException("No such account.")));
    }

    /**
     * Publishes {@link AccountDeleting} (listeners join this transaction), then deletes the users row: every row that
     * references it goes by cascade, its API tokens with them. Once committed, its browser sessions on this node end
     * (but {@code keepSessionId}, which the caller signs out itself).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void remove(UUID id, @Nullable String keepSessionId) {
        User user = users.findById(id).orElseThrow(() -> new NoSuchElementException("No such account."));
        events.publishEvent(new AccountDeleting(id));
        users.delete(user);
        users.flush();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                sessions.endOtherSessions(id, keepSessionId);
            }
        });
        log.info("Account {} deleted", id);
    }
}
