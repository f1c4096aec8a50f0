package dev.lightbox.data.export.service;

import dev.lightbox.data.export.domain.ExportRepository;
import dev.lightbox.jobs.JobService;
import dev.lightbox.retention.ExpiringResults;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exports past their 7 days: the row turns EXPIRED (skip-locked, so nodes share the work) and the zip's deletion is
 * queued in the same transaction (the deletion outbox), so it goes after the commit, surely. A second run finds
 * nothing left to do.
 */
@Component
class ExportExpiry implements ExpiringResults {

    private final ExportRepository rows;
    private final JobService jobs;
    private final TransactionTemplate transaction;

    ExportExpiry(ExportRepository rows, JobService jobs, TransactionTemplate transaction) {
        this.rows = rows;
        this.jobs = jobs;
        this.transaction = transaction;
    }

    @Override
    public Expired expire(Instant now, int limit) {
        List<ExportRepository.Expired> expired = Objects.requireNonNull(transaction.execute(status -> {
            List<ExportRepository.Expired> due = rows.expire(now, limit);
            ExportJob.deleteLater(jobs, due.stream().map(ExportRepository.Expired::objectKey).toList());
            return due;
        }));
        return new Expired(expired.size(), expired.stream().mapToLong(ExportRepository.Expired::sizeBytes).sum());
    }
}
