package dev.lightbox.billing.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Checkout Sessions we created ({@code stripe_checkouts}) and the Stripe events handled ({@code stripe_events}). */
@Repository
public class StripeCheckoutRepository {

    private static final String COLUMNS = "session_id, user_id, pack_id, credits, amount, currency, status, created_at, completed_at";
    private final JdbcClient jdbc;

    StripeCheckoutRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(StripeCheckout checkout) {
        jdbc.sql("insert into stripe_checkouts (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(java.util.Arrays.asList(checkout.sessionId(), checkout.userId(), checkout.packId(), checkout.credits(),
                        checkout.amount(), checkout.currency(), status(checkout.status()), Timestamp.from(checkout.createdAt()),
                        checkout.completedAt() == null ? null : Timestamp.from(checkout.completedAt())))
                .update();
    }

    /** The row locked until the transaction ends, so two deliveries for one session are handled one after the other. */
    public Optional<StripeCheckout> lock(String sessionId) {
        return jdbc.sql("select " + COLUMNS + " from stripe_checkouts where session_id = ? for update").param(sessionId)
                .query(StripeCheckoutRepository::checkout).optional();
    }

    /** open or expired → paid; false when it was paid already (the grant happens once per session). */
    public boolean markPaid(String sessionId, Instant now) {
        return jdbc.sql("update stripe_checkouts set status = 'paid', completed_at = ? where session_id = ? and status <> 'paid'")
                .params(Timestamp.from(now), sessionId).update() == 1;
    }

    /** open → expired; a paid session stays paid. */
    public boolean markExpired(String sessionId) {
        return jdbc.sql("update stripe_checkouts set status = 'expired' where session_id = ? and status = 'open'").param(sessionId).update() == 1;
    }

    /** Records a handled event; false when this event id was handled before (a replay or Stripe's retry). */
    public boolean recordEvent(String eventId, String type, @Nullable String sessionId, Instant now) {
        return jdbc.sql("insert into stripe_events (event_id, type, session_id, received_at) values (?, ?, ?, ?) on conflict (event_id) do nothing")
                .params(java.util.Arrays.asList(eventId, type, sessionId, Timestamp.from(now))).update() == 1;
    }


    private static String status(StripeCheckout.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static StripeCheckout checkout(ResultSet rs, int row) throws SQLException {
        Timestamp completed = rs.getTimestamp("completed_at");
        return new StripeCheckout(rs.getString("session_id"), rs.getObject("user_id", UUID.class), rs.getString("pack_id"),
                rs.getLong("credits"), rs.getLong("amount"), rs.getString("currency"),
                StripeCheckout.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getTimestamp("created_at").toInstant(),
                completed == null ? null : completed.toInstant());
    }
}
