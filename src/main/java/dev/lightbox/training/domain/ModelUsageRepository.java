package dev.lightbox.training.domain;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What trained models keep in the object store, from the published versions' rows. */
@Repository
public class ModelUsageRepository {

    /** {@code versions}: published model versions (each a few files under one prefix); {@code bytes}: their files' total. */
    public record Usage(long versions, long bytes) {
    }

    private final JdbcClient jdbc;

    ModelUsageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Usage versions() {
        return jdbc.sql("select count(*) as versions, coalesce(sum(size_bytes), 0) as bytes from model_versions")
                .query((rs, n) -> new Usage(rs.getLong("versions"), rs.getLong("bytes"))).single();
    }
}
