package dev.lightbox.billing.domain;

import dev.lightbox.billing.service.CreditBalance;
import dev.lightbox.billing.service.CreditEntry;
import dev.lightbox.billing.service.CreditKind;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Balances, ledger entries and job reservations, in SQL. Callers lock the balance row ({@link #lockBalance})
 * first in their transaction and only then touch entries or reservations of that user, always in that order.
 */
@Repository
public class CreditRepository {

    private final JdbcClient jdbc;

    CreditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A job's reservation; {@code hold} counts how often it was taken. */
    public record Reservation(UUID jobId, UUID userId, long amount, String status, int hold, String reason) {
        public boolean held() {
            return "held".equals(status);
        }
    }

    public CreditBalance balance(UUID userId) {
        return jdbc.sql("select balance, reserved from credit_balances where user_id = ?").param(userId)
                .query((rs, n) -> new CreditBalance(rs.getLong("balance"), rs.getLong("reserved"))).optional()
                .orElse(CreditBalance.EMPTY);
    }

    /** Balances of these users, in one query; users without a row are absent. */
    public Map<UUID, Long> balances(Collection<UUID> userIds) {
        if (userIds.isEmpty()) return Map.of();
        Map<UUID, Long> balances = new HashMap<>();
        jdbc.sql("select user_id, balance from credit_balances where user_id in (:ids)").param("ids", userIds)
                .query(rs -> {
                    balances.put(rs.getObject("user_id", UUID.class), rs.getLong("balance"));
                });
        return balances;
    }

    /** Creates the user's balance row if missing and locks it until the transaction ends. */
    public CreditBalance lockBalance(UUID userId) {
        jdbc.sql("insert into credit_balances (user_id, updated_at) values (?, now()) on conflict (user_id) do nothing").param(userId).update();
        return jdbc.sql("select balance, reserved from credit_balances where user_id = ? for update").param(userId)
                .query((rs, n) -> new CreditBalance(rs.getLong("balance"), rs.getLong("reserved"))).single();
    }

    /** Changes the locked balance row by these deltas and answers the new state. */
    public CreditBalance change(UUID userId, long balanceDelta, long reservedDelta) {
        return jdbc.sql("""
                update credit_balances set balance = balance + ?, reserved = reserved + ?, updated_at = now()
                where user_id = ? returning balance, reserved""")
                .params(balanceDelta, reservedDelta, userId)
                .query((rs, n) -> new CreditBalance(rs.getLong("balance"), rs.getLong("reserved"))).single();
    }

    public CreditEntry addEntry(UUID userId, CreditKind kind, long amount, long balanceAfter, String reason, @Nullable String reference,
                                @Nullable Integer hold) {
        return jdbc.sql("""
                insert into credit_entries (user_id, kind, amount, balance_after, reason, reference, hold, created_at)
                values (?, ?, ?, ?, ?, ?, ?, now()) returning *""")
                .params(Arrays.asList(userId, kind.name(), amount, balanceAfter, reason, reference, hold))
                .query(ENTRY).single();
    }

    public boolean purchaseRecorded(String reference) {
        return jdbc.sql("select exists (select 1 from credit_entries where kind = 'PURCHASE' and reference = ?)").param(reference)
                .query(Boolean.class).single();
    }

    /** Newest first, entries older than {@code beforeId} when given. */
    public List<CreditEntry> entries(UUID userId, @Nullable Long beforeId, int limit) {
        return jdbc.sql("""
                select * from credit_entries where user_id = :user and (cast(:before as bigint) is null or id < :before)
                order by id desc limit :limit""")
                .param("user", userId).param("before", beforeId).param("limit", limit).query(ENTRY).list();
    }

    public long sumOfEntries(UUID userId) {
        return jdbc.sql("select coalesce(sum(amount), 0) from credit_entries where user_id = ?").param(userId).query(Long.class).single();
    }

    /** Records a new held reservation; false when the job already has one (it is never charged twice). */
    public boolean insertReservation(UUID jobId, UUID userId, long amount, String reason) {
        return jdbc.sql("""
                insert into credit_reservations (job_id, user_id, amount, status, reason, created_at)
                values (?, ?, ?, 'held', ?, now()) on conflict (job_id) do nothing""")
                .params(jobId, userId, amount, reason).update() == 1;
    }

    public Optional<Reservation> reservation(UUID jobId) {
        return jdbc.sql("select * from credit_reservations where job_id = ?").param(jobId).query(RESERVATION).optional();
    }

    /** Ends a held reservation as {@code settled} or {@code released}; empty when it was not held (already ended). */
    public Optional<Reservation> end(UUID jobId, String status) {
        return jdbc.sql("""
                update credit_reservations set status = ?, settled_at = now() where job_id = ? and status = 'held' returning *""")
                .params(status, jobId).query(RESERVATION).optional();
    }

    /** Takes a released reservation again (its job runs again); empty when it was not released. */
    public Optional<Reservation> holdAgain(UUID jobId) {
        return jdbc.sql("""
                update credit_reservations set status = 'held', settled_at = null, holds = holds + 1
                where job_id = ? and status = 'released' returning *""")
                .param(jobId).query(RESERVATION).optional();
    }

    /** Held reservations' job ids after {@code after} in id order (keyset pages), for the sweep to look up their jobs' outcomes. */
    public List<UUID> heldJobs(@Nullable UUID after, int limit) {
        return jdbc.sql("""
                select job_id from credit_reservations where status = 'held' and (cast(:after as uuid) is null or job_id > :after)
                order by job_id limit :limit""")
                .param("after", after).param("limit", limit).query((rs, n) -> rs.getObject("job_id", UUID.class)).list();
    }

    private static final RowMapper<CreditEntry> ENTRY = (rs, n) -> new CreditEntry(rs.getLong("id"), CreditKind.valueOf(rs.getString("kind")),
            rs.getLong("amount"), rs.getLong("balance_after"), rs.getString("reason"), rs.getString("reference"),
            rs.getTimestamp("created_at").toInstant());

    private static final RowMapper<Reservation> RESERVATION = (rs, n) -> new Reservation(rs.getObject("job_id", UUID.class),
            rs.getObject("user_id", UUID.class), rs.getLong("amount"), rs.getString("status"), rs.getInt("holds"), rs.getString("reason"));
}
