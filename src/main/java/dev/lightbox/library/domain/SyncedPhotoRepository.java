package dev.lightbox.library.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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

    /** Takes the content locks of these hashes (as {@code PhotoRepository.lockContent} does), in sha256 order, in one statement. */
    public void lockContents(Collection<String> sha256s) {
        jdbc.sql("""
                select count(*) from (select pg_advisory_xact_lock(hashtextextended(s, 0)) from
                    (select s from unnest(cast(:shas as varchar[])) s order by s) sorted) locked""")
                .param("shas", sha256s.toArray(String[]::new)).query(Long.class).single();
    }

    /** The owner's photos (uploaded or synced) of these contents, by content, in one statement. */
    public Map<String, Existing> find(UUID owner, Collection<String> sha256s) {
        var found = new HashMap<String, Existing>();
        jdbc.sql("""
                select id, sha256, source, format, size_bytes, width, height, taken_at, taken_at_source, original_name, camera_make, camera_model, lens
                from photos where owner_id = :owner and sha256 = any(cast(:shas as varchar[]))""")
                .param("owner", owner).param("shas", sha256s.toArray(String[]::new))
                .query(rs -> {
                    found.put(rs.getString("sha256"), existing(rs));
                });
        return found;
    }

    /** New synced photos of the owner, in one statement (orientation 1: the device sends upright dimensions). */
    public void insertAll(UUID owner, List<New> photos, Instant syncedAt) {
        if (photos.isEmpty()) return;
        jdbc.sql("""
                insert into photos (id, owner_id, sha256, size_bytes, format, width, height, orientation, taken_at, taken_at_source,
                                    uploaded_at, original_name, camera_make, camera_model, lens, source)
                select cast(n.id as uuid), :owner, n.sha, cast(n.size as bigint), n.format, cast(n.width as integer), cast(n.height as integer), 1,
                       cast(n.taken_at as timestamp), n.taken_at_source, :syncedAt, n.name, n.make, n.model, n.lens, 'sync'
                from unnest(cast(:ids as text[]), cast(:shas as text[]), cast(:sizes as text[]), cast(:formats as text[]), cast(:widths as text[]),
                            cast(:heights as text[]), cast(:takenAts as text[]), cast(:takenAtSources as text[]), cast(:names as text[]),
                            cast(:makes as text[]), cast(:models as text[]), cast(:lenses as text[]))
                     as n(id, sha, size, format, width, height, taken_at, taken_at_source, name, make, model, lens)""")
                .param("owner", owner).param("syncedAt", Timestamp.from(syncedAt))
                .param("ids", column(photos, n -> n.id().toString()))
                .param("shas", column(photos, New::sha256))
                .param("sizes", column(photos, n -> Long.toString(n.row().sizeBytes())))
                .param("formats", column(photos, n -> n.row().format().name()))
                .param("widths", column(photos, n -> Integer.toString(n.row().width())))
                .param("heights", column(photos, n -> Integer.toString(n.row().height())))
                .param("takenAts", column(photos, n -> n.row().takenAt().toString()))
                .param("takenAtSources", column(photos, n -> n.row().takenAtFromCamera() ? "EXIF" : "UPLOAD"))
                .param("names", column(photos, n -> n.row().originalName()))
                .param("makes", column(photos, n -> n.row().cameraMake()))
                .param("models", column(photos, n -> n.row().cameraModel()))
                .param("lenses", column(photos, n -> n.row().lens()))
                .update();
    }

    public record New(UUID id, String sha256, Row row) {
    }

    private static @Nullable String[] column(List<New> photos, Function<New, @Nullable String> value) {
        @Nullable String[] column = new String[photos.size()];
        for (int i = 0; i < column.length; i++) column[i] = value.apply(photos.get(i));
        return column;
    }

    private static Existing existing(ResultSet rs) throws SQLException {
        return new Existing(rs.getObject("id", UUID.class), rs.getString("source"), new Row(
                ImageFormat.valueOf(rs.getString("format")), rs.getLong("size_bytes"), rs.getInt("width"), rs.getInt("height"),
                rs.getTimestamp("taken_at").toLocalDateTime(), "EXIF".equals(rs.getString("taken_at_source")),
                rs.getString("original_name"), rs.getString("camera_make"), rs.getString("camera_model"), rs.getString("lens")));
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
