package dev.lightbox.transform.service;

import dev.lightbox.retention.ExpiringResults;
import dev.lightbox.transform.domain.TransformRepository;
import dev.lightbox.transform.domain.TransformRepository.ExpiredResult;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Restyle results under retention: a completed transform whose {@code expires_at} passed turns {@code expired}
 * (row kept, result forgotten; committed, with skip-locked rows so nodes share the work) before its objects go.
 * A saved result lives on as its library photo.
 */
@Component
class TransformExpiry implements ExpiringResults {

    private final TransformRepository rows;
    private final TransformResults results;

    TransformExpiry(TransformRepository rows, TransformResults results) {
        this.rows = rows;
        this.results = results;
    }

    @Override
    public Expired expire(Instant now, int limit) {
        List<ExpiredResult> expired = rows.expire(limit); // its own statement, committed: the objects go after it
        long bytes = 0;
        for (ExpiredResult result : expired) {
            results.deleteQuietly(Arrays.asList(result.resultKey(), result.thumbnailKey()));
            bytes += result.bytes();
        }
        return new Expired(expired.size(), bytes);
    }
}
