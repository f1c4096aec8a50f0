package dev.lightbox.billing.service;

import dev.lightbox.account.service.AccountService;
import dev.lightbox.base.audit.AdminAction;
import dev.lightbox.base.audit.AdminAudit;
import dev.lightbox.base.security.LightboxUser;
import dev.lightbox.billing.domain.CreditRepository;
import dev.lightbox.billing.domain.CreditRepository.Reservation;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobStatus;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The credit ledger. Every change of a balance happens in one transaction that first locks the user's balance
 * row (SELECT … FOR UPDATE), then writes the entry that explains it: no lost updates, and the entries always sum
 * to the balance. Paid work reserves its price with its job and settles by the job's outcome
 * ({@link CreditSettlement} calls {@link #settleIfFinished} on job events and in a sweep).
 */
@Service
public class CreditService {

    /** The largest grant or adjustment at once: far above any real need, far below where a balance could overflow. */
    public static final long MAX_ADJUSTMENT = 1_000_000_000L;

    public static final int MAX_PAGE = 200;
    public static final int MAX_REASON = 200;
    private static final Logger log = LoggerFactory.getLogger(CreditService.class);

    private final CreditRepository store;
    private final JobService jobs;
    private final AccountService accounts;
    private final TransactionTemplate transaction;
    private final AdminAudit audit;

    CreditService(CreditRepository store, JobService jobs, AccountService accounts, TransactionTemplate transaction, AdminAudit audit) {
        this.audit = audit;
        this.store = store;
        this.jobs = jobs;
        this.accounts = accounts;
        this.transaction = transaction;
    }

    /** {@link CreditBalance#EMPTY} when the user has no row yet. */
    public CreditBalance balance(UUID userId) {
        return store.balance(userId);
    }

    /** Balances of these users in one query (the admin's users page); 0 for a user without credits. */
    public Map<UUID, Long> balances(Collection<UUID> userIds) {
        Map<UUID, Long> known = store.balances(userIds);
        Map<UUID, Long> all = new HashMap<>();
        userIds.forEach(id -> all.put(id, known.getOrDefault(id, 0L)));
        return all;
    }

    /** Newest first; {@code limit} clamped to 1..{@value #MAX_PAGE}; the cursor is the one a previous page returned. */
    public CreditPage entries(UUID userId, @Nullable String cursor, int limit) {
        int size = Math.clamp(limit, 1, MAX_PAGE);
        Long before = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cursor: not a cursor this server issued");
            }
        }
        List<CreditEntry> rows = store.entries(userId, before, size + 1);
        boolean more = rows.size() > size;
        List<CreditEntry> items = List.copyOf(rows.subList(0, Math.min(size, rows.size())));
        return new CreditPage(items, more ? Long.toString(items.getLast().id()) : null);
    }

    /**
     * Admin: amount &gt; 0 is a GRANT, amount &lt; 0 an ADJUSTMENT (refused with IllegalArgumentException if the
     * balance would go below 0); 0 or a blank reason is refused. Checks the admin role itself (AccessDeniedException);
     * NoSuchElementException for an unknown user.
     */
    public CreditEntry adjustByAdmin(UUID adminId, UUID userId, long amount, String reason) {
        LightboxUser admin = accounts.findById(adminId).filter(LightboxUser::isAdmin)
                .orElseThrow(() -> new AccessDeniedException("Only an admin may grant or adjust credits."));
        if (amount == 0) throw new IllegalArgumentException("amount: give a positive number to grant or a negative one to take away, not 0.");
        if (Math.abs(amount) > MAX_ADJUSTMENT) throw new IllegalArgumentException("amount: at most " + MAX_ADJUSTMENT + " credits at a time.");
        String why = reason(reason);
        if (accounts.findById(userId).isEmpty()) throw new NoSuchElementException("No such account.");
        CreditEntry entry = inTransaction(() -> {
            CreditBalance now = store.lockBalance(userId);
            if (now.balance() + amount < 0) {
                throw new IllegalArgumentException("amount: the balance is " + now.balance() + ", so at most " + now.balance()
                        + " credits can be taken away.");
            }
            CreditEntry done = record(userId, amount > 0 ? CreditKind.GRANT : CreditKind.ADJUSTMENT, amount, 0, why, null, null);
            audit.record(admin, AdminAction.CREDITS_ADJUST, "user", userId.toString(),
                    (amount > 0 ? "+" : "") + amount + " credits (balance " + done.balanceAfter() + "): " + why);
            return done;
        });
        log.info("Admin {} changed the credits of {} by {}", adminId, userId, amount);
        return entry;
    }

    /** A PURCHASE of {@code credits}, exactly once per {@code reference} (a Checkout Session id): empty when already granted. */
    public Optional<CreditEntry> purchase(UUID userId, long credits, String reference, String reason) {
        if (credits <= 0) throw new IllegalArgumentException("credits: a purchase grants a positive number of credits");
        if (reference.isBlank()) throw new IllegalArgumentException("reference: a purchase names what paid for it");
        String why = reason(reason);
        return inTransaction(() -> {
            store.lockBalance(userId);
            // purchases of one user are serialised by the lock; the unique index backs this up across users
            if (store.purchaseRecorded(reference)) return Optional.empty();
            return Optional.of(record(userId, CreditKind.PURCHASE, credits, 0, why, reference, null));
        });
    }

    /** Grants inside the caller's transaction (a signup); nothing for 0. */
    void grant(UUID userId, long credits, String reason) {
        if (credits <= 0) return;
        runInTransaction(() -> {
            store.lockBalance(userId);
            record(userId, CreditKind.GRANT, credits, 0, reason, null, null);
        });
    }

    /**
     * Paid work: enqueues {@code request} and reserves {@code price} for it in ONE transaction (a USAGE entry of
     * -price, {@code reserved} += price), under SELECT … FOR UPDATE of the balance row. Throws
     * InsufficientCreditsException (nothing queued, nothing written) when balance &lt; price. price 0 just enqueues.
     * A request deduplicated onto a job that already holds a reservation is not charged again. Settles by the job's
     * outcome (see {@link CreditSettlement}).
     */
    public UUID enqueuePaid(UUID userId, long price, String reason, JobRequest<?> request) {
        if (price < 0) throw new IllegalArgumentException("price: cannot be negative");
        String why = reason(reason);
        if (price == 0) return jobs.enqueue(request);
        return inTransaction(() -> {
            CreditBalance now = store.lockBalance(userId);
            if (now.balance() < price) throw new InsufficientCreditsException(now.balance(), price);
            UUID jobId = jobs.enqueue(request);
            if (store.insertReservation(jobId, userId, price, why)) {
                record(userId, CreditKind.USAGE, -price, price, why, jobId.toString(), 1);
            }
            return jobId;
        });
    }

    /** Releases a job's reservation now (REFUND), e.g. the job found its answer in a cache; no-op when none is held. */
    public void release(UUID jobId, String reason) {
        String why = reason(reason);
        Optional<Reservation> known = store.reservation(jobId);
        if (known.isEmpty() || !known.get().held()) return;
        runInTransaction(() -> {
            store.lockBalance(known.get().userId());
            store.end(jobId, "released").ifPresent(r -> refund(r, why));
        });
    }

    /**
     * For a paid job's handler, first thing: makes sure its price is held. A job run again after a refund (a user's
     * retry) reserves again here, or throws InsufficientCreditsException (the handler then fails for good).
     * No-op for a job that never had a reservation (a free cache-hit job).
     */
    public void requireHeld(UUID jobId) {
        Optional<Reservation> known = store.reservation(jobId);
        if (known.isEmpty()) return;
        // decided under the balance lock even when it reads "held": a settlement holding that lock may be refunding it right now
        runInTransaction(() -> {
            UUID userId = known.get().userId();
            CreditBalance now = store.lockBalance(userId);
            Optional<Reservation> current = store.reservation(jobId);
            if (current.isEmpty() || !"released".equals(current.get().status())) return;
            if (now.balance() < current.get().amount()) throw new InsufficientCreditsException(now.balance(), current.get().amount());
            Reservation again = store.holdAgain(jobId).orElseThrow();
            record(userId, CreditKind.USAGE, -again.amount(), again.amount(), clip("Run again: " + again.reason()), jobId.toString(),
                    again.hold());
        });
    }

    /**
     * Settles a held reservation whose job has finished: SUCCEEDED keeps the usage, FAILED or CANCELLED refunds it.
     * Idempotent and safe on every node at once: the job's status is read after the balance row is locked, so a
     * job retried meanwhile (its handler's {@link #requireHeld} waits for this lock) keeps or retakes its hold.
     * Answers whether this call settled it.
     */
    boolean settleIfFinished(UUID jobId) {
        Optional<Reservation> known = store.reservation(jobId);
        if (known.isEmpty() || !known.get().held()) return false;
        return inTransaction(() -> {
            store.lockBalance(known.get().userId());
            Optional<JobStatus> status = jobs.status(jobId);
            if (status.isPresent() && !status.get().finished()) return false;
            if (status.isPresent() && status.get() == JobStatus.SUCCEEDED) {
                return store.end(jobId, "settled").map(r -> {
                    store.change(r.userId(), 0, -r.amount());
                    return true;
                }).orElse(false);
            }
            // failed or cancelled for good, or a job that no longer exists: the work was not done
            String why = status.map(s -> s == JobStatus.CANCELLED ? "Refunded: the work was cancelled" : "Refunded: the work failed")
                    .orElse("Refunded: the work is gone");
            return store.end(jobId, "released").map(r -> {
                refund(r, why);
                return true;
            }).orElse(false);
        });
    }

    /** Job ids of held reservations after {@code after}, for the sweep. */
    List<UUID> heldJobs(@Nullable UUID after, int limit) {
        return store.heldJobs(after, limit);
    }

    /** Sum of the user's entries, for checks that the ledger explains the balance. */
    long sumOfEntries(UUID userId) {
        return store.sumOfEntries(userId);
    }

    private void refund(Reservation reservation, String reason) {
        record(reservation.userId(), CreditKind.REFUND, reservation.amount(), -reservation.amount(), reason, reservation.jobId().toString(),
                reservation.hold());
    }

    /** Changes the locked balance by {@code amount} and {@code reserved} by {@code reservedDelta}, with its entry. */
    private CreditEntry record(UUID userId, CreditKind kind, long amount, long reservedDelta, String reason, @Nullable String reference,
                               @Nullable Integer hold) {
        CreditBalance after = store.change(userId, amount, reservedDelta);
        return store.addEntry(userId, kind, amount, after.balance(), reason, reference, hold);
    }

    private static String reason(@Nullable String reason) {
        String trimmed = reason == null ? "" : reason.strip();
        if (trimmed.isEmpty()) throw new IllegalArgumentException("reason: say why, in a few words.");
        if (trimmed.length() > MAX_REASON) throw new IllegalArgumentException("reason: at most " + MAX_REASON + " characters.");
        return trimmed;
    }

    private static String clip(String text) {
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON);
    }

    /**
     * Runs {@code work} in the caller's transaction or a new one. A refusal (not enough credits, bad input) rolls
     * back a transaction of its own but is thrown only after leaving the template, so it never marks a caller's
     * transaction rollback-only: a caller may catch it and go on (it wrote nothing but perhaps an empty balance row).
     */
    private <T> T inTransaction(Supplier<T> work) {
        RuntimeException[] refused = {null};
        T result = transaction.execute(status -> {
            try {
                return work.get();
            } catch (InsufficientCreditsException | IllegalArgumentException e) {
                if (status.isNewTransaction()) status.setRollbackOnly();
                refused[0] = e;
                return null;
            }
        });
        if (refused[0] != null) throw refused[0];
        return Objects.requireNonNull(result);
    }

    private void runInTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return Boolean.TRUE;
        });
    }
}
