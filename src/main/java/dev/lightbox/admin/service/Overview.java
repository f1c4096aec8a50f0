package dev.lightbox.admin.service;

import dev.lightbox.account.service.UserCounts;
import dev.lightbox.base.usage.StoredBytes;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.jobs.QueueSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The admin console's first page: the server at a glance. */
public record Overview(UserCounts.Counts users, long photos, List<StoredBytes> storage, Map<JobStatus, Long> jobs24h,
                       List<QueueSummary> queues, long workersOnline, HealthSummary health, String version, Instant startedAt,
                       long uptimeSeconds) {

    /** "UP" or "DOWN" of the database and the object store, as their health indicators report. */
    public record HealthSummary(String database, String storage) {
    }
}
