package dev.lightbox.library.domain;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the library keeps in the object store, from its rows: one original per uploaded content hash (identical
 * uploads share it), and one preview plus one thumbnail per content whose renditions were stored.
 */
@Repository
public class LibraryUsageRepository {

    /** Objects and their bytes. */
    public record Usage(long objects, long bytes) {
    }

    private final JdbcClient jdbc;

    LibraryUsageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long photos() {
        return jdbc.sql("select count(*) from photos").query(Long.class).single();
    }

    public Usage originals() {
        return jdbc.sql("""
                        select count(*) as objects, coalesce(sum(size_bytes), 0) as bytes
                        from (select distinct on (sha256) size_bytes from photos where source = 'upload' order by sha256) content""")
                .query((rs, n) -> new Usage(rs.getLong("objects"), rs.getLong("bytes"))).single();
    }

    /** Two objects (preview and thumbnail) per content with stored renditions. */
    public Usage renditions() {
        return jdbc.sql("""
                        select 2 * count(*) as objects, coalesce(sum(bytes), 0) as bytes
                        from (select max(rendition_bytes) as bytes from photos where source = 'upload' and rendition_bytes is not null
                              group by sha256) content""")
                .query((rs, n) -> new Usage(rs.getLong("objects"), rs.getLong("bytes"))).single();
    }

    /** Called under the content lock, after the renditions of {@code sha256} were stored. */
    public void recordRenditions(String sha256, long bytes) {
        jdbc.sql("update photos set rendition_bytes = :bytes where sha256 = :sha256 and source = 'upload'")
                .param("bytes", bytes).param("sha256", sha256).update();
    }
}
