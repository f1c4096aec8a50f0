package dev.lightbox.account.service;

import dev.lightbox.account.AccountProperties;
import dev.lightbox.account.AccountProperties.Signup;
import dev.lightbox.account.domain.Role;
import dev.lightbox.account.domain.User;
import dev.lightbox.account.domain.UserRepository;
import dev.lightbox.account.service.AccountException.Reason;
import dev.lightbox.base.security.LightboxUser;
import dev.lightbox.base.security.SignedInSessions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Creating accounts and checking passwords, for the login view and the REST API alike. */
@Service
public class AccountService {

    public static final int MIN_PASSWORD_LENGTH = PasswordPolicy.MIN_LENGTH;
    public static final int MAX_PASSWORD_BYTES = PasswordPolicy.MAX_BYTES;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy passwordPolicy;
    private final LoginThrottle throttle;
    private final AccountProperties props;
    private final ApiTokenService tokens;
    private final SignedInSessions sessions;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    /** Compared against when the email is unknown, so a miss costs as much time as a wrong password. */
    private final String decoyHash;

    AccountService(UserRepository users, PasswordEncoder passwordEncoder, PasswordPolicy passwordPolicy, LoginThrottle throttle,
                   AccountProperties props, ApiTokenService tokens, SignedInSessions sessions, Clock clock,
                   ApplicationEventPublisher events) {
        this.events = events;
        this.tokens = tokens;
        this.sessions = sessions;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.passwordPolicy = passwordPolicy;
        this.throttle = throttle;
        this.props = props;
        this.clock = clock;
        this.decoyHash = passwordEncoder.encode("decoy-password-" + UUID.randomUUID());
    }

    /** Creates an account; the first account ever created is an admin. */
    @Transactional
    public LightboxUser signUp(String email, String password) {
        return create(email, password, false);
    }

    /**
     * Creates a USER account whatever the sign-up setting and however many accounts exist: for accounts the server
     * makes itself (the demo library). An existing email is refused with EMAIL_TAKEN, across nodes too.
     */
    @Transactional
    public LightboxUser createUser(String email, String password) {
        return create(email, password, true);
    }

    /** Whether an account with this email exists. */
    @Transactional(readOnly = true)
    public boolean exists(String email) {
        return users.existsByEmail(normalizeEmail(email));
    }

    private LightboxUser create(String email, String password, boolean plainUser) {
        String normalized = normalizeEmail(email);
        if (MixedScripts.inEmail(normalized)) {
            throw new AccountException(Reason.INVALID_INPUT, "email: it mixes letters of different alphabets (such as Latin and Cyrillic)"
                    + " within one part, as look-alike addresses do; type it in one alphabet.");
        }
        passwordPolicy.check(normalized, password);
        users.lockAccountCreation();
        // the first person to sign up where no admin exists yet becomes the admin (a demo account, a plain user, may exist)
        boolean first = !plainUser && !users.existsByRole(Role.ADMIN);
        if (!first && !plainUser && props.signup() == Signup.CLOSED) {
            throw new AccountException(Reason.SIGNUP_CLOSED, "Sign-up is closed on this server. Ask its admin for an account.");
        }
        if (users.existsByEmail(normalized)) {
            throw new AccountException(Reason.EMAIL_TAKEN, "An account with this email already exists.");
        }
        User user = users.saveAndFlush(new User(normalized, passwordEncoder.encode(password), first ? Role.ADMIN : Role.USER, clock.instant()));
        log.info("Account {} created with role {}", user.getId(), user.getRole());
        events.publishEvent(new AccountCreated(user.getId()));
        return toLightboxUser(user);
    }

    /**
     * Checks an email and password, throttled (see {@link LoginThrottle}): refused with
     * {@link LoginThrottledException} while the client address or this email from it has failed too often.
     * Outside a transaction: an email's throttle delay must not hold a database connection.
     */
    public LightboxUser authenticate(String email, String password, String clientAddress) {
        String normalized = email.trim().toLowerCase(Locale.ROOT);
        LoginThrottle.Attempt attempt = throttle.reserve(normalized, clientAddress);
        boolean judged = false;
        try {
            pause(attempt.delay());
            Optional<User> user = users.findByEmail(normalized);
            boolean matches = passwordEncoder.matches(password, user.map(User::getPasswordHash).orElse(decoyHash));
            judged = true;
            if (user.isEmpty() || !matches) {
                throttle.failed(attempt);
                throw new AccountException(Reason.BAD_CREDENTIALS, "Incorrect email or password.");
            }
            throttle.succeeded(attempt);
            User known = user.get();
            if (known.isDisabled()) throw new AccountException(Reason.DISABLED, disabledMessage(known.getDisabledReason()));
            users.markSignedIn(known.getId(), clock.instant());
            return toLightboxUser(known);
        } finally {
            if (!judged) throttle.abandoned(attempt);
        }
    }

    static void pause(Duration delay) {
        if (delay.isZero()) return;
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while delaying a sign-in", e);
        }
    }

    /**
     * Changes the user's password after checking the current one and the password policy, revokes the user's login
     * tokens but {@code keepTokenId} (the caller's, when it calls with one) and, once committed, ends the user's browser
     * sessions but {@code keepSessionId}. Named tokens stay: they were made on purpose for programs.
     */
    @Transactional
    public void changePassword(UUID userId, @Nullable String currentPassword, @Nullable String newPassword,
                               @Nullable UUID keepTokenId, @Nullable String keepSessionId) {
        User user = users.findById(userId).orElseThrow(() -> new AccountException(Reason.NOT_FOUND, "No such account."));
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, user.getPasswordHash())) {
            throw new AccountException(Reason.INVALID_INPUT, "currentPassword: this is not your current password.");
        }
        String password = newPassword == null ? "" : newPassword;
        passwordPolicy.check(user.getEmail(), password);
        if (passwordEncoder.matches(password, user.getPasswordHash())) {
            throw new AccountException(Reason.INVALID_INPUT, "password: choose a password other than your current one.");
        }
        user.changePasswordHash(passwordEncoder.encode(password));
        int revoked = tokens.revokeLoginTokens(userId, keepTokenId);
        log.info("Account {} changed its password; {} login token(s) revoked", userId, revoked);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                sessions.endOtherSessions(userId, keepSessionId);
            }
        });
    }

    @Transactional(readOnly = true)
    public Optional<LightboxUser> findById(UUID id) {
        return users.findById(id).map(AccountService::toLightboxUser);
    }

    @Transactional(readOnly = true)
    public boolean hasAnyAccount() {
        return users.count() > 0;
    }

    public boolean isSignupOpen() {
        return props.signup() == Signup.OPEN || !hasAnyAccount();
    }

    /** Every account, oldest first: for the admin console only. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<AccountSummary> listAccounts() {
        return users.findAllByOrderByCreatedAtAsc().stream()
                .map(u -> new AccountSummary(u.getId(), u.getEmail(), u.getRole().name(), u.getCreatedAt()))
                .toList();
    }

    /** Shown to a disabled user who signs in with the right password, on the form and in the REST login's 403. */
    static String disabledMessage(@Nullable String reason) {
        return "This account is disabled by an admin" + (reason == null || reason.isBlank() ? "." : ": " + reason);
    }

    static LightboxUser toLightboxUser(User user) {
        return new LightboxUser(user.getId(), user.getEmail(),
                user.getRole().granted().stream().map(Role::name).toList());
    }

    static String normalizeEmail(String email) {
        String normalized = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        if (normalized.length() > 254 || !EMAIL.matcher(normalized).matches()) {
            throw new AccountException(Reason.INVALID_INPUT, "email: enter a valid email address, like name@example.com.");
        }
        return normalized;
    }
}
