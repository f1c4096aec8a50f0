package dev.lightbox.transform.domain;

import dev.lightbox.transform.service.InstalledModel;
import dev.lightbox.transform.service.ModelSpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code transform_models} rows: the registry of admin-installed ONNX models. */
@Repository
public class TransformModelRepository {

    private static final String COLUMNS = "name, kind, title, spec, object_key, sha256, size_bytes, installed_by, installed_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TransformModelRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Adds the model; false when the name is taken (nothing written then). */
    public boolean insert(InstalledModel model) {
        return jdbc.sql("insert into transform_models (" + COLUMNS + ") values (:name, :kind, :title, cast(:spec as jsonb), :key, :sha, :size, :by, :at)"
                        + " on conflict (name) do nothing")
                .param("name", model.name()).param("kind", model.kind()).param("title", model.title())
                .param("spec", json.writeValueAsString(model.spec())).param("key", model.objectKey()).param("sha", model.sha256())
                .param("size", model.sizeBytes()).param("by", model.installedBy()).param("at", Timestamp.from(model.installedAt()))
                .update() == 1;
    }

    public boolean exists(String name) {
        return jdbc.sql("select count(*) from transform_models where name = :name").param("name", name).query(Long.class).single() > 0;
    }

    public Optional<InstalledModel> find(String name) {
        return jdbc.sql("select " + COLUMNS + " from transform_models where name = :name").param("name", name).query(this::row).optional();
    }

    /** Every model, by name. */
    public List<InstalledModel> findAll() {
        return jdbc.sql("select " + COLUMNS + " from transform_models order by name").query(this::row).list();
    }

    /** Models of one kind, the most recently installed first. */
    public List<InstalledModel> findByKind(String kind) {
        return jdbc.sql("select " + COLUMNS + " from transform_models where kind = :kind order by installed_at desc, name")
                .param("kind", kind).query(this::row).list();
    }

    /** Removes the row and answers what it named (the caller deletes the file after this commits). */
    public Optional<InstalledModel> delete(String name) {
        return jdbc.sql("delete from transform_models where name = :name returning " + COLUMNS).param("name", name).query(this::row).optional();
    }

    /** Every object key a row names: what a sweep of the model prefix keeps. */
    public java.util.Set<String> objectKeys() {
        return new java.util.HashSet<>(jdbc.sql("select object_key from transform_models").query((rs, n) -> rs.getString(1)).list());
    }

    private InstalledModel row(ResultSet rs, int n) throws SQLException {
        return new InstalledModel(rs.getString("name"), rs.getString("kind"), rs.getString("title"),
                json.readValue(rs.getString("spec"), ModelSpec.class), rs.getString("object_key"), rs.getString("sha256"),
                rs.getLong("size_bytes"), rs.getObject("installed_by", UUID.class), rs.getTimestamp("installed_at").toInstant());
    }
}
