package dev.lightbox.vision.domain;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The description cache per (content, model), and which description each user's photo asked for. */
@Repository
public class VisionRepository {

    private static final String COLUMNS = "d.content_sha256, d.model, d.caption, d.subjects, d.setting, d.mood, d.tags, d.aesthetic, d.described_at";

    private final JdbcClient jdbc;

    VisionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A description as stored (already validated and bounded). */
    public record Stored(String sha256, String model, String caption, List<String> subjects, String setting, String mood, List<String> tags,
                         int aesthetic, Instant describedAt) {
    }

    public Optional<Stored> cached(String sha256, String model) {
        return jdbc.sql("select " + COLUMNS + " from vision_descriptions d where d.content_sha256 = ? and d.model = ?")
                .params(sha256, model).query(VisionRepository::stored).optional();
    }

    /** Removes a content's descriptions (call once no photo references the content, so no photo_vision row names them). */
    public void deleteContent(String sha256) {
        jdbc.sql("delete from vision_descriptions where content_sha256 = ?").param(sha256).update();
    }

    /** Stores a description; a concurrent run that stored the same (content, model) first wins (the answers are interchangeable). */
    public void save(Stored d) {
        jdbc.sql("""
                insert into vision_descriptions (content_sha256, model, caption, subjects, setting, mood, tags, aesthetic, described_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (content_sha256, model) do nothing""")
                .params(d.sha256(), d.model(), d.caption(), d.subjects().toArray(String[]::new), d.setting(), d.mood(),
                        d.tags().toArray(String[]::new), d.aesthetic(), Timestamp.from(d.describedAt()))
                .update();
    }

    /** Links the owner's photo to the (content, model) description; nothing when the owner has no such photo. Returns rows linked. */
    public int link(UUID ownerId, UUID photoId, String sha256, String model, Instant at) {
        return jdbc.sql("""
                insert into photo_vision (photo_id, owner_id, content_sha256, model, described_at)
                select p.id, p.owner_id, ?, ?, ? from photos p where p.id = ? and p.owner_id = ? and p.sha256 = ?
                on conflict (photo_id) do update set content_sha256 = excluded.content_sha256, model = excluded.model,
                    described_at = excluded.described_at""")
                .params(sha256, model, Timestamp.from(at), photoId, ownerId, sha256).update();
    }

    /** The description the owner's photo is linked to. */
    public Optional<Stored> linked(UUID ownerId, UUID photoId) {
        return jdbc.sql("select " + COLUMNS + " from photo_vision v join vision_descriptions d"
                        + " on d.content_sha256 = v.content_sha256 and d.model = v.model where v.photo_id = ? and v.owner_id = ?")
                .params(photoId, ownerId).query(VisionRepository::stored).optional();
    }

    /** Every linked description of the owner's photos, by photo. */
    public Map<UUID, Stored> linkedLibrary(UUID ownerId) {
        var all = new HashMap<UUID, Stored>();
        jdbc.sql("select v.photo_id, " + COLUMNS + " from photo_vision v join vision_descriptions d"
                        + " on d.content_sha256 = v.content_sha256 and d.model = v.model where v.owner_id = ?")
                .param(ownerId).query((ResultSet rs) -> {
                    all.put(rs.getObject("photo_id", UUID.class), stored(rs, 0));
                });
        return all;
    }

    private static Stored stored(ResultSet rs, int row) throws SQLException {
        return new Stored(rs.getString("content_sha256"), rs.getString("model"), rs.getString("caption"), strings(rs.getArray("subjects")),
                rs.getString("setting"), rs.getString("mood"), strings(rs.getArray("tags")), rs.getInt("aesthetic"),
                rs.getTimestamp("described_at").toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return new ArrayList<>(Arrays.asList((String[]) array.getArray()));
    }
}
