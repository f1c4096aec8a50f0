package dev.lightbox.scoring.service;

import dev.lightbox.analysis.service.AnalysisService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code score_inputs}: the attributes scoring and the profile read, per content, as typed columns copied
 * from the analysis (see 009-score-inputs). Reading them is what re-scoring a library spends most on.
 */
@Repository
class ScoreInputs {

    static final int FETCH = 5_000;

    /** Attribute name → column, for the numeric attributes read. {@code exposure} comes as text besides. */
    static final Map<String, String> NUMBERS = ordered("sharpness", "sharpness", "brightness", "brightness", "shadowClipping", "shadow_clipping",
            "highlightClipping", "highlight_clipping", "contrast", "contrast", "colorfulness", "colorfulness", "saturation", "saturation",
            "noise", "noise", "brisque", "brisque", "thirds", "thirds", "horizonTilt", "horizon_tilt", "faceCount", "face_count");

    private static final List<String> NAMES = List.copyOf(NUMBERS.keySet());

    private static final String LIBRARY = """
            select p.id, i.exposure, %s
            from photos p join score_inputs i on i.sha256 = p.sha256
            where p.owner_id = ?""".formatted(String.join(", ", NUMBERS.values().stream().map(c -> "i." + c).toList()));

    private static final String SAVE = """
            insert into score_inputs
            select a.sha256, x.exposure, x.sharpness, x.brightness, x."shadowClipping", x."highlightClipping", x.contrast,
                   x.colorfulness, x.saturation, x.noise, x.brisque, x.thirds, x."horizonTilt", x."faceCount"
            from (%s) a
            cross join lateral jsonb_to_record(a.attributes) as x(exposure varchar(8), sharpness float8, brightness float8,
                "shadowClipping" float8, "highlightClipping" float8, contrast float8, colorfulness float8, saturation float8,
                noise float8, brisque float8, thirds float8, "horizonTilt" float8, "faceCount" float8)
            on conflict (sha256) do update set exposure = excluded.exposure, sharpness = excluded.sharpness,
                brightness = excluded.brightness, shadow_clipping = excluded.shadow_clipping,
                highlight_clipping = excluded.highlight_clipping, contrast = excluded.contrast, colorfulness = excluded.colorfulness,
                saturation = excluded.saturation, noise = excluded.noise, brisque = excluded.brisque, thirds = excluded.thirds,
                horizon_tilt = excluded.horizon_tilt, face_count = excluded.face_count""";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final AnalysisService analyses;

    ScoreInputs(JdbcClient jdbc, DataSource dataSource, AnalysisService analyses) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.analyses = analyses;
    }

    /** Copies a content's newest attributes (in the transaction that saved them). */
    void save(String sha256) {
        jdbc.sql(SAVE.formatted("select * from photo_attributes where sha256 = :sha order by analyzer_version desc limit 1"))
                .param("sha", sha256).update();
    }

    /** The same for every analysed content of a library that has no inputs yet, in one statement. */
    void saveMissing(UUID owner) {
        jdbc.sql(SAVE.formatted("""
                select distinct on (a.sha256) a.* from photos p join photo_attributes a on a.sha256 = p.sha256
                where p.owner_id = :owner and not exists (select 1 from score_inputs i where i.sha256 = a.sha256)
                order by a.sha256, a.analyzer_version desc""")).param("owner", owner).update();
    }

    /** The owner's analysed photos with their inputs, on the current transaction's connection. */
    @Transactional(readOnly = true)
    public void forEachAnalysed(UUID owner, BiConsumer<UUID, Map<String, Object>> consumer) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            read(connection, owner, ownerAttributes(owner), consumer);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading score inputs failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** The user-specific attributes of the owner's photos (e.g. the personal score), by photo. */
    Map<UUID, Map<String, Object>> ownerAttributes(UUID owner) {
        return analyses.ownerAttributes(owner);
    }

    /**
     * Streams in batches of {@link #FETCH} (the connection must not be in auto-commit for that), each photo's
     * inputs with its user-specific attributes (e.g. the personal score) added.
     */
    void read(Connection connection, UUID owner, Map<UUID, Map<String, Object>> own, BiConsumer<UUID, Map<String, Object>> consumer)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LIBRARY)) {
            statement.setObject(1, owner);
            statement.setFetchSize(FETCH);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    var attributes = new HashMap<String, Object>(32);
                    String exposure = rs.getString(2);
                    if (exposure != null) attributes.put("exposure", exposure);
                    for (int i = 0; i < NAMES.size(); i++) {
                        double value = rs.getDouble(i + 3);
                        if (!rs.wasNull()) attributes.put(NAMES.get(i), value);
                    }
                    UUID photoId = rs.getObject(1, UUID.class);
                    Map<String, Object> extra = own.get(photoId);
                    if (extra != null) attributes.putAll(extra);
                    consumer.accept(photoId, attributes);
                }
            }
        }
    }

    private static Map<String, String> ordered(String... pairs) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) map.put(pairs[i], pairs[i + 1]);
        return Collections.unmodifiableMap(map);
    }
}
