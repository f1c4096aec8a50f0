package dev.lightbox.training.domain;

import dev.lightbox.training.service.ModelView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code models} and {@code model_versions} rows; every read is scoped to the owner unless it says otherwise. */
@Repository
public class ModelRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    ModelRepository(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** A queued model; {@code config}: imageSize, epochs, batchSize, learningRate, validationSplit. */
    public void insert(UUID id, UUID owner, String name, List<String> labels, String architecture, Map<String, Object> config) {
        jdbc.sql("""
                insert into models (id, owner_id, name, labels, architecture, config, status, state, created_at)
                values (:id, :owner, :name, cast(:labels as jsonb), :arch, cast(:config as jsonb), 'QUEUED', 'INITIALIZING', :at)""")
                .param("id", id).param("owner", owner).param("name", name).param("labels", json.writeValueAsString(labels))
                .param("arch", architecture).param("config", json.writeValueAsString(config))
                .param("at", Timestamp.from(clock.instant())).update();
    }

    public void jobId(UUID id, UUID jobId) {
        jdbc.sql("update models set job_id = :job where id = :id").param("job", jobId).param("id", id).update();
    }

    public void state(UUID id, String state, @Nullable String message) {
        jdbc.sql("update models set status = 'RUNNING', state = :state, message = :message where id = :id and status in ('QUEUED', 'RUNNING')")
                .param("state", state).param("message", message).param("id", id).update();
    }

    public void device(UUID id, String device) {
        jdbc.sql("update models set device = :device where id = :id").param("device", device).param("id", id).update();
    }

    public void epoch(UUID id, Map<String, Object> entry, double samplesPerSecond) {
        jdbc.sql("update models set history = history || cast(:entry as jsonb), samples_per_second = :sps where id = :id")
                .param("entry", json.writeValueAsString(List.of(entry))).param("sps", samplesPerSecond).param("id", id).update();
    }

    public void resetHistory(UUID id) {
        jdbc.sql("update models set history = '[]', metrics = null, error = null where id = :id").param("id", id).update();
    }

    public void metrics(UUID id, Map<String, Object> metrics) {
        jdbc.sql("update models set metrics = cast(:metrics as jsonb) where id = :id").param("metrics", json.writeValueAsString(metrics))
                .param("id", id).update();
    }

    public void publish(UUID id, int version, Map<String, Object> metrics, long sizeBytes) {
        jdbc.sql("insert into model_versions (model_id, version, metrics, size_bytes, created_at) values (:id, :v, cast(:m as jsonb), :size, :at)")
                .param("id", id).param("v", version).param("m", json.writeValueAsString(metrics)).param("size", sizeBytes)
                .param("at", Timestamp.from(clock.instant())).update();
        finish(id, "COMPLETED", "COMPLETED", null);
        jdbc.sql("update models set message = :message where id = :id").param("id", id)
                .param("message", String.format(java.util.Locale.ROOT, "Version %d published: accuracy %.1f%% on held-out photos.", version,
                        100 * (metrics.get("accuracy") instanceof Number accuracy ? accuracy.doubleValue() : Double.NaN))).update();
    }

    public void finish(UUID id, String status, String state, @Nullable String error) {
        jdbc.sql("update models set status = :status, state = :state, error = :error, finished_at = :at where id = :id")
                .param("status", status).param("state", state).param("error", error == null ? null : truncate(error))
                .param("at", Timestamp.from(clock.instant())).param("id", id).update();
    }

    public List<ModelView> list(UUID owner) {
        return withVersions(jdbc.sql("select * from models where owner_id = :owner order by created_at desc").param("owner", owner).query(this::map).list());
    }

    public Optional<ModelView> find(UUID owner, UUID id) {
        return withVersions(jdbc.sql("select * from models where owner_id = :owner and id = :id").param("owner", owner).param("id", id)
                .query(this::map).list()).stream().findFirst();
    }

    /** For the job, which was handed the id (not scoped to a user). */
    public Optional<ModelView> find(UUID id) {
        return withVersions(jdbc.sql("select * from models where id = :id").param("id", id).query(this::map).list()).stream().findFirst();
    }

    /** The owner's active model, when it has a published version. */
    public Optional<ModelView> active(UUID owner) {
        return withVersions(jdbc.sql("select * from models where owner_id = :owner and active").param("owner", owner).query(this::map).list())
                .stream().findFirst().filter(m -> !m.versions().isEmpty());
    }

    public Optional<UUID> owner(UUID id) {
        return jdbc.sql("select owner_id from models where id = :id").param("id", id).query(UUID.class).optional();
    }

    public void activate(UUID owner, UUID id) {
        jdbc.sql("update models set active = false where owner_id = :owner and active").param("owner", owner).update();
        jdbc.sql("update models set active = true where owner_id = :owner and id = :id").param("owner", owner).param("id", id).update();
    }

    public void delete(UUID owner, UUID id) {
        jdbc.sql("delete from models where owner_id = :owner and id = :id").param("owner", owner).param("id", id).update();
    }

    /** The models' versions, read in one query for all of them. */
    @SuppressWarnings("unchecked")
    private List<ModelView> withVersions(List<ModelView> models) {
        if (models.isEmpty()) return models;
        var byModel = new HashMap<UUID, List<ModelView.Version>>();
        jdbc.sql("select * from model_versions where model_id in (:ids) order by model_id, version")
                .param("ids", models.stream().map(ModelView::id).toList())
                .query((v, n) -> byModel.computeIfAbsent(v.getObject("model_id", UUID.class), k -> new ArrayList<>()).add(new ModelView.Version(
                        v.getInt("version"), json.readValue(v.getString("metrics"), Map.class), v.getLong("size_bytes"), v.getTimestamp("created_at").toInstant())))
                .list();
        return models.stream().map(m -> new ModelView(m.id(), m.name(), m.labels(), m.architecture(), m.config(), m.status(), m.state(), m.jobId(),
                m.device(), m.message(), m.error(), m.history(), m.metrics(), m.warnings(), m.samplesPerSecond(), m.active(),
                List.copyOf(byModel.getOrDefault(m.id(), List.of())), m.createdAt(), m.finishedAt())).toList();
    }

    @SuppressWarnings("unchecked")
    private ModelView map(ResultSet rs, int row) throws SQLException {
        String metrics = rs.getString("metrics");
        Map<String, Object> metricsMap = metrics == null ? null : json.readValue(metrics, Map.class);
        List<String> warnings = metricsMap != null && metricsMap.get("warnings") instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
        Double sps = rs.getObject("samples_per_second") == null ? null : rs.getDouble("samples_per_second");
        Timestamp finished = rs.getTimestamp("finished_at");
        return new ModelView(rs.getObject("id", UUID.class), rs.getString("name"), json.readValue(rs.getString("labels"), List.class),
                rs.getString("architecture"), json.readValue(rs.getString("config"), Map.class), rs.getString("status"), rs.getString("state"),
                rs.getObject("job_id", UUID.class), rs.getString("device"), rs.getString("message"), rs.getString("error"),
                json.readValue(rs.getString("history"), List.class), metricsMap, warnings, sps, rs.getBoolean("active"), List.of(),
                rs.getTimestamp("created_at").toInstant(), finished == null ? null : finished.toInstant());
    }

    private static String truncate(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }

    /** The ids of every model of the owner (for their files, when the owner's account goes). */
    public List<UUID> idsOf(UUID owner) {
        return jdbc.sql("select id from models where owner_id = :owner").param("owner", owner).query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }
}
