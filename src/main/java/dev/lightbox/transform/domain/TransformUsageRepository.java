package dev.lightbox.transform.domain;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the restyle pipeline keeps in the object store, from its rows. */
@Repository
public class TransformUsageRepository {

    public record Usage(long objects, long bytes) {
    }

    private final JdbcClient jdbc;

    TransformUsageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stored results: the result image and its thumbnail (the thumbnail's bytes are not recorded). */
    public Usage results() {
        return jdbc.sql("""
                        select count(result_key) + count(thumbnail_key) as objects, coalesce(sum(result_bytes), 0) as bytes
                        from transforms where result_key is not null""")
                .query((rs, n) -> new Usage(rs.getLong("objects"), rs.getLong("bytes"))).single();
    }

    /** Admin-installed ONNX model files. */
    public Usage models() {
        return jdbc.sql("select count(*) as objects, coalesce(sum(size_bytes), 0) as bytes from transform_models")
                .query((rs, n) -> new Usage(rs.getLong("objects"), rs.getLong("bytes"))).single();
    }
}
