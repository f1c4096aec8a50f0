package dev.lightbox.account.domain;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** How many accounts there are, for the admin overview: one query. */
@Repository
public class UserCountsRepository {

    public record Counts(long total, long admins, long disabled) {
    }

    private final JdbcClient jdbc;

    UserCountsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Counts counts() {
        return jdbc.sql("""
                        select count(*) as total, count(*) filter (where role = 'ADMIN') as admins,
                               count(*) filter (where disabled_at is not null) as disabled
                        from users""")
                .query((rs, n) -> new Counts(rs.getLong("total"), rs.getLong("admins"), rs.getLong("disabled"))).single();
    }
}
