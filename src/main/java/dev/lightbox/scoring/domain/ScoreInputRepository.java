package dev.lightbox.scoring.domain;

import dev.lightbox.analysis.Attribute;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

/**
 * {@code score_inputs}: the attributes scoring and the profile read, per content, as typed columns copied
 * from the analysis (see 009-score-inputs), one column per {@link Attribute} of the content that is a
 * number or a level. Reading them is what re-scoring a library spends most on.
 */
@Repository
public class ScoreInputRepository {

    static final int FETCH = 5_000;

    /** The numeric attributes kept as columns, in column order after {@code exposure}. */
    static final List<Attribute> NUMBERS = java.util.Arrays.stream(Attribute.values())
            .filter(a -> a.source() == Attribute.Source.CONTENT && a.kind() == Attribute.Kind.NUMBER).toList();

    /** The owner's analysed photos with their inputs: {@code id, exposure, <numbers…>} (see {@link #library}). */
    static final String LIBRARY = """
            select p.id, i.exposure, %s
            from photos p join score_inputs i on i.sha256 = p.sha256
            where p.owner_id = ? and p.source = 'upload'""".formatted(NUMBERS.stream().map(a -> "i." + column(a)).collect(Collectors.joining(", ")));

    /**
     * {@link #LIBRARY} with the owner's synced photos whose bytes the server has not analysed, from their synced
     * inputs (see 026-synced-score-inputs); the owner is bound twice. Only libraries with synced inputs read it.
     */
    static final String LIBRARY_WITH_SYNCED = LIBRARY + """

            union all
            select p.id, s.exposure, %s
            from synced_score_inputs s join photos p on p.owner_id = s.owner_id and p.sha256 = s.sha256
            where s.owner_id = ? and (p.source = 'sync' or not exists (select 1 from score_inputs i where i.sha256 = p.sha256))""".formatted(
            NUMBERS.stream().map(a -> "s." + column(a)).collect(Collectors.joining(", ")));

    /** Each of the owner's live photos (not in the trash) with its effective inputs' row (alias {@code i}), for aggregates over a library. */
    private static final String EFFECTIVE = """
            (select %1$s from photos p join score_inputs i on i.sha256 = p.sha256
             where p.owner_id = :owner and p.source = 'upload' and p.trashed_at is null
             union all
             select %2$s from photos p join synced_score_inputs s on s.owner_id = p.owner_id and s.sha256 = p.sha256
             where p.owner_id = :owner and p.trashed_at is null and (p.source = 'sync' or not exists (select 1 from score_inputs i where i.sha256 = p.sha256))) i""".formatted(
            NUMBERS.stream().map(a -> "i." + column(a)).collect(Collectors.joining(", ")),
            NUMBERS.stream().map(a -> "s." + column(a)).collect(Collectors.joining(", ")));

    private static final String SAVE_SYNCED = """
            insert into synced_score_inputs (owner_id, sha256, exposure, %1$s)
            select a.owner_id, a.sha256, x.exposure, %2$s
            from synced_analyses a
            cross join lateral jsonb_to_record(a.attributes) as x(exposure varchar(8), %3$s)
            where a.owner_id = :owner and a.sha256 = :sha
            on conflict (owner_id, sha256) do update set exposure = excluded.exposure, %4$s""".formatted(
            NUMBERS.stream().map(ScoreInputRepository::column).collect(Collectors.joining(", ")),
            NUMBERS.stream().map(a -> "x.\"" + a.key() + "\"").collect(Collectors.joining(", ")),
            NUMBERS.stream().map(a -> "\"" + a.key() + "\" float8").collect(Collectors.joining(", ")),
            NUMBERS.stream().map(a -> column(a) + " = excluded." + column(a)).collect(Collectors.joining(", ")));

    private static final String SAVE_FROM = """
            insert into score_inputs (sha256, exposure, %1$s)
            select a.sha256, x.exposure, %2$s
            from (%%s) a
            cross join lateral jsonb_to_record(a.attributes) as x(exposure varchar(8), %3$s)
            on conflict (sha256) do update set exposure = excluded.exposure, %4$s""".formatted(
            NUMBERS.stream().map(ScoreInputRepository::column).collect(Collectors.joining(", ")),
            NUMBERS.stream().map(a -> "x.\"" + a.key() + "\"").collect(Collectors.joining(", ")),
            NUMBERS.stream().map(a -> "\"" + a.key() + "\" float8").collect(Collectors.joining(", ")),
            NUMBERS.stream().map(a -> column(a) + " = excluded." + column(a)).collect(Collectors.joining(", ")));

    private static final String SAVE = SAVE_FROM.formatted("select * from photo_attributes where sha256 = :sha order by analyzer_version desc limit 1");

    private static final String SAVE_MISSING = SAVE_FROM.formatted("""
            select distinct on (a.sha256) a.* from photos p join photo_attributes a on a.sha256 = p.sha256
            where p.owner_id = :owner and not exists (select 1 from score_inputs i where i.sha256 = a.sha256)
            order by a.sha256, a.analyzer_version desc""");

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    ScoreInputRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** A photo of some owner: who scores it when its content is analysed. */
    public record OwnedPhoto(UUID photoId, UUID ownerId) {
    }

    /** The column of a numeric attribute: its key in snake case ({@code shadowClipping} → {@code shadow_clipping}). */
    static String column(Attribute attribute) {
        return attribute.key().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** Copies a content's newest attributes (in the transaction that saved them). */
    public void save(String sha256) {
        jdbc.sql(SAVE).param("sha", sha256).update();
    }

    /** Copies the owner's synced attributes of a content (in the transaction that stored them). */
    public void saveSynced(UUID owner, String sha256) {
        jdbc.sql(SAVE_SYNCED).param("owner", owner).param("sha", sha256).update();
    }

    /** Removes the owner's synced inputs of a content (in the transaction that deleted the owner's photo of it). */
    public void deleteContent(String sha256) {
        jdbc.sql("delete from score_inputs where sha256 = :sha").param("sha", sha256).update();
    }

    public void deleteSynced(UUID owner, String sha256) {
        jdbc.sql("delete from synced_score_inputs where owner_id = :owner and sha256 = :sha").param("owner", owner).param("sha", sha256).update();
    }

    /**
     * The statement that reads the owner's library, owner bound: {@link #LIBRARY}, or {@link #LIBRARY_WITH_SYNCED}
     * when the owner has synced inputs (one index probe decides; a library without synced photos reads exactly as before).
     */
    static PreparedStatement library(Connection connection, UUID owner) throws SQLException {
        return library(connection, owner, false);
    }

    /** Only photos not in the trash: the marker each where clause of {@link #LIBRARY_WITH_SYNCED} carries. */
    private static final String LIVE = "p.owner_id = ? and p.trashed_at is null";

    /**
     * {@link #library(Connection, UUID)}, of the photos not in the trash when {@code liveOnly} (what the profile and previews
     * read; re-scoring reads every photo, so a restored one comes back with its score).
     */
    static PreparedStatement library(Connection connection, UUID owner, boolean liveOnly) throws SQLException {
        boolean synced;
        try (PreparedStatement probe = connection.prepareStatement("select exists (select 1 from synced_score_inputs where owner_id = ?)")) {
            probe.setObject(1, owner);
            try (ResultSet rs = probe.executeQuery()) {
                synced = rs.next() && rs.getBoolean(1);
            }
        }
        String sql = synced ? LIBRARY_WITH_SYNCED : LIBRARY;
        if (liveOnly) sql = sql.replace("p.owner_id = ?", LIVE).replace("s.owner_id = ?", "s.owner_id = ? and p.trashed_at is null");
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setObject(1, owner);
        if (synced) statement.setObject(2, owner);
        return statement;
    }

    /** The same for every analysed content of a library that has no inputs yet, in one statement. */
    public void saveMissing(UUID owner) {
        jdbc.sql(SAVE_MISSING).param("owner", owner).update();
    }

    /** The owner's photo of these bytes, if any. */
    public java.util.Optional<UUID> photoOf(UUID owner, String sha256) {
        return jdbc.sql("select id from photos where owner_id = :owner and sha256 = :sha").param("owner", owner).param("sha", sha256)
                .query(UUID.class).optional();
    }

    /** Every uploaded photo, whoever owns it, with these bytes (a synced row is scored from its owner's synced analysis only). */
    public List<OwnedPhoto> photosWithContent(String sha256) {
        return jdbc.sql("select id, owner_id from photos where sha256 = :sha and source = 'upload'").param("sha", sha256)
                .query((rs, n) -> new OwnedPhoto(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
    }

    /**
     * Streams the owner's analysed photos (not those in the trash) with their inputs in batches of {@link #FETCH}, each with its
     * user-specific attributes ({@code own}, e.g. the personal score) added. Runs on the current
     * transaction's connection (which must exist: a cursor needs a transaction) and on no other.
     */
    public void forEachAnalysed(UUID owner, Map<UUID, Map<String, Object>> own, BiConsumer<UUID, Map<String, Object>> consumer) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement statement = library(connection, owner, true)) {
            statement.setFetchSize(FETCH);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Row row = row(rs);
                    consumer.accept(row.photoId(), row.attributes(own));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading score inputs failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** One photo's inputs as read from {@link #LIBRARY}: a missing number is NaN. */
    record Row(UUID photoId, @Nullable String exposure, double[] numbers) {

        /** The photo's attributes by key, with its user-specific ones ({@code own}) added. */
        Map<String, Object> attributes(Map<UUID, Map<String, Object>> own) {
            var attributes = new HashMap<String, Object>(32);
            if (exposure != null) attributes.put(Attribute.EXPOSURE.key(), exposure);
            for (int i = 0; i < numbers.length; i++) {
                if (!Double.isNaN(numbers[i])) attributes.put(NUMBERS.get(i).key(), numbers[i]);
            }
            Map<String, Object> extra = own.get(photoId);
            if (extra != null) attributes.putAll(extra);
            return attributes;
        }
    }

    static Row row(ResultSet rs) throws SQLException {
        double[] numbers = new double[NUMBERS.size()];
        for (int i = 0; i < numbers.length; i++) {
            double value = rs.getDouble(i + 3);
            numbers[i] = rs.wasNull() ? Double.NaN : value;
        }
        return new Row(rs.getObject(1, UUID.class), rs.getString(2), numbers);
    }

    /**
     * For each given numeric attribute of the content, the fraction (0..1) of the owner's other analysed
     * photos whose value is below the given one ("sharper than 88% of your library"), in one statement;
     * empty where the owner has no other photo with that attribute.
     */
    public Map<Attribute, OptionalDouble> percentiles(UUID owner, Map<Attribute, Double> values) {
        var asked = values.keySet().stream().filter(NUMBERS::contains).toList();
        var result = new EnumMap<Attribute, OptionalDouble>(Attribute.class);
        if (asked.isEmpty()) return result;
        String columns = asked.stream().map(a -> "count(*) filter (where i.%1$s < :%2$s), count(i.%1$s)".formatted(column(a), a.key()))
                .collect(Collectors.joining(", "));
        var spec = jdbc.sql("select " + columns + " from " + EFFECTIVE)
                .param("owner", owner);
        for (Attribute a : asked) spec = spec.param(a.key(), values.get(a));
        spec.query(rs -> {
            for (int i = 0; i < asked.size(); i++) {
                long below = rs.getLong(2 * i + 1);
                long total = rs.getLong(2 * i + 2);
                result.put(asked.get(i), total <= 1 ? OptionalDouble.empty() : OptionalDouble.of((double) below / (total - 1)));
            }
        });
        return result;
    }
}
