package dev.lightbox.library.service;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code uploads_in_flight} table: each upload in progress, recorded (committed) before its first
 * object is written, with the objects it may leave behind. Deleting the record is the last step of an
 * upload, after its objects are cleaned up; a record that outlives its process says what to remove.
 */
@Repository
class InFlightUploads {

    /** An upload's leftovers: its temporary object, and the original it copied or was about to copy (null once a row owns it). */
    record Record(UUID id, String tempKey, @Nullable String originalKey) {

        Record withoutOriginal() {
            return new Record(id, tempKey, null);
        }
    }

    private static final UUID NONE = new UUID(0, 0);

    private final JdbcClient jdbc;
    private final NodeIdentity node;

    InFlightUploads(JdbcClient jdbc, NodeIdentity node) {
        this.jdbc = jdbc;
        this.node = node;
    }

    /** Records an upload about to write {@code tempKey}; call outside any transaction so it is durable at once. */
    Record begin(String tempKey) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into uploads_in_flight (id, node_id, incarnation, temp_key) values (?, ?, ?, ?)")
                .params(id, node.nodeId(), node.incarnation(), tempKey).update();
        return new Record(id, tempKey, null);
    }

    /** Notes that the upload may copy its original to {@code originalKey}: call under the content lock, before the copy. */
    Record claimOriginal(Record upload, String originalKey) {
        jdbc.sql("update uploads_in_flight set original_key = ? where id = ?").params(originalKey, upload.id()).update();
        return new Record(upload.id(), upload.tempKey(), originalKey);
    }

    /** In the row's transaction: the original now belongs to the row, only the temporary object is left to remove. */
    Record committed(Record upload) {
        jdbc.sql("update uploads_in_flight set original_key = null where id = ?").param(upload.id()).update();
        return upload.withoutOriginal();
    }

    void forget(Record upload) {
        jdbc.sql("delete from uploads_in_flight where id = ?").param(upload.id()).update();
    }

    /** True when an upload other than {@code except} may still need this original. */
    boolean originalClaimed(String originalKey, @Nullable UUID except) {
        return jdbc.sql("select count(*) from uploads_in_flight where original_key = ? and id <> ?")
                .params(originalKey, except == null ? NONE : except).query(Long.class).single() > 0;
    }

    /** Records this node's earlier processes left: their uploads will never finish. */
    List<Record> leftByEarlierIncarnations() {
        return jdbc.sql("select id, temp_key, original_key from uploads_in_flight where node_id = ? and incarnation <> ?")
                .params(node.nodeId(), node.incarnation()).query(Record.class).list();
    }

    /** Records of any node older than {@code age}: no upload takes that long, so their process is gone. */
    List<Record> olderThan(Duration age) {
        return jdbc.sql("select id, temp_key, original_key from uploads_in_flight where created_at < now() - make_interval(secs => ?)")
                .param((double) age.toSeconds()).query(Record.class).list();
    }

    /** True when a record names this temporary object: its upload may still be running. */
    boolean namesTempKey(String tempKey) {
        return jdbc.sql("select count(*) from uploads_in_flight where temp_key = ?").param(tempKey).query(Long.class).single() > 0;
    }
}
