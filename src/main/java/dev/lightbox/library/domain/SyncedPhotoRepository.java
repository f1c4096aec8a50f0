package dev.lightbox.library.domain;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of photos a user synced from their device ({@code source = 'sync'}): hash, metadata, no original. */
@Repository
public class SyncedPhotoRepository {

    private final JdbcClient jdbc;

    SyncedPhotoRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a synced row holds besides its identity; {@code takenAtFromCamera} is false when the device sent no capture time. */
    public record Row(ImageFormat format, long sizeBytes, int width, int height, LocalDateTime takenAt, boolean takenAtFromCamera,
                      @Nullable String originalName, @Nullable String cameraMake, @Nullable String cameraModel, @Nullable String lens) {
    }

    public record Existing(UUID id, String source, Row row) {
    }

    public Optional<Existing> find(UUID owner, String sha256) {
        return jdbc.sql("""
                select id, source, format, size_bytes, width, height, taken_at, taken_at_source, original_name, camera_make, camera_model, lens
                from photos where owner_id = :owner and sha256 = :sha""")
                .param("owner", owner).param("sha", sha256)
                .query((rs, n) -> new Existing(rs.getObject("id", UUID.class), rs.getString("source"), new Row(
                        ImageFormat.valueOf(rs.getString("format")), rs.getLong("size_bytes"), rs.getInt("width"), rs.getInt("height"),
                        rs.getTimestamp("taken_at").toLocalDateTime(), "EXIF".equals(rs.getString("taken_at_source")),
                        rs.getString("original_name"), rs.getString("camera_make"), rs.getString("camera_model"), rs.getString("lens"))))
                .optional();
    }

    /** A new synced photo (orientation 1: the device sends upright dimensions). */
    public void insert(UUID id, UUID owner, String sha256, Row row, Instant syncedAt) {
        jdbc.sql("""
                insert into photos (id, owner_id, sha256, size_bytes, format, width, height, orientation, taken_at, taken_at_source,
                                    uploaded_at, original_name, camera_make, camera_model, lens, source)
                values (:id, :owner, :sha, :size, :format, :width, :height, 1, :takenAt, :takenAtSource,
                        :syncedAt, :name, :make, :model, :lens, 'sync')""")
                .param("id", id).param("owner", owner).param("sha", sha256).params(columns(row))
                .param("syncedAt", Timestamp.from(syncedAt)).update();
    }

    /** New metadata of a synced photo; an uploaded photo of the same content is never touched. */
    public int update(UUID id, UUID owner, Row row) {
        return jdbc.sql("""
                update photos set size_bytes = :size, format = :format, width = :width, height = :height, taken_at = :takenAt,
                                  taken_at_source = :takenAtSource, original_name = :name, camera_make = :make, camera_model = :model, lens = :lens
                where id = :id and owner_id = :owner and source = 'sync'""")
                .param("id", id).param("owner", owner).params(columns(row)).update();
    }

    private static java.util.Map<String, @Nullable Object> columns(Row row) {
        var columns = new java.util.HashMap<String, @Nullable Object>();
        columns.put("size", row.sizeBytes());
        columns.put("format", row.format().name());
        columns.put("width", row.width());
        columns.put("height", row.height());
        columns.put("takenAt", Timestamp.valueOf(row.takenAt()));
        columns.put("takenAtSource", row.takenAtFromCamera() ? "EXIF" : "UPLOAD");
        columns.put("name", row.originalName());
        columns.put("make", row.cameraMake());
        columns.put("model", row.cameraModel());
        columns.put("lens", row.lens());
        return columns;
    }
}
