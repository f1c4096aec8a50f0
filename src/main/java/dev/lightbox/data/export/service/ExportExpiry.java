package dev.lightbox.data.export.service;

import dev.lightbox.data.export.domain.ExportRepository;
import dev.lightbox.retention.ExpiringResults;
import dev.lightbox.storage.ObjectStore;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Exports past their 7 days: the row turns EXPIRED (its own committed statement, skip-locked so nodes share the
 * work) before the zip is deleted. A second run finds nothing left to do.
 */
@Component
class ExportExpiry implements ExpiringResults {

    private final ExportRepository rows;
    private final ObjectStore store;

    ExportExpiry(ExportRepository rows, ObjectStore store) {
        this.rows = rows;
        this.store = store;
    }

    @Override
    public Expired expire(Instant now, int limit) {
        List<ExportRepository.Expired> expired = rows.expire(now, limit);
        long bytes = 0;
        for (ExportRepository.Expired export : expired) {
            store.delete(export.objectKey());
            bytes += export.sizeBytes();
        }
        return new Expired(expired.size(), bytes);
    }
}
