package dev.lightbox.library.domain;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code uploads_in_flight} table: each upload in progress, recorded (committed) before its first
 * object is written, with the objects it may leave behind (see the library service's InFlightUploads).
 */
@Repository
public class InFlightUploadRepository {

    private static final UUID NONE = new UUID(0, 0);

    private final JdbcClient jdbc;

    InFlightUploadRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One record: the upload's temporary object and the original it may copy (null once a row owns it). */
    public record InFlight(UUID id, String tempKey, @Nullable String originalKey) {
    }

    private static final org.springframework.jdbc.core.RowMapper<InFlight> IN_FLIGHT = (rs, n) ->
            new InFlight(rs.getObject("id", UUID.class), rs.getString("temp_key"), rs.getString("original_key"));

    public void insert(UUID id, String nodeId, UUID incarnation, String tempKey) {
        jdbc.sql("insert into uploads_in_flight (id, node_id, incarnation, temp_key) values (?, ?, ?, ?)")
                .params(id, nodeId, incarnation, tempKey).update();
    }

    public void setOriginal(UUID id, @Nullable String originalKey) {
        jdbc.sql("update uploads_in_flight set original_key = :key where id = :id").param("key", originalKey).param("id", id).update();
    }

    public void delete(UUID id) {
        jdbc.sql("delete from uploads_in_flight where id = ?").param(id).update();
    }

    /** True when a record other than {@code except} names this original. */
    public boolean originalClaimed(String originalKey, @Nullable UUID except) {
        return jdbc.sql("select count(*) from uploads_in_flight where original_key = ? and id <> ?")
                .params(originalKey, except == null ? NONE : except).query(Long.class).single() > 0;
    }

    /** Records of this node made by another incarnation of its process. */
    public List<InFlight> ofOtherIncarnations(String nodeId, UUID incarnation) {
        return jdbc.sql("select id, temp_key, original_key from uploads_in_flight where node_id = ? and incarnation <> ?")
                .params(nodeId, incarnation).query(IN_FLIGHT).list();
    }

    public List<InFlight> olderThan(Duration age) {
        return jdbc.sql("select id, temp_key, original_key from uploads_in_flight where created_at < now() - make_interval(secs => ?)")
                .param((double) age.toSeconds()).query(IN_FLIGHT).list();
    }

    public boolean namesTempKey(String tempKey) {
        return jdbc.sql("select count(*) from uploads_in_flight where temp_key = ?").param(tempKey).query(Long.class).single() > 0;
    }
}
