package dev.lightbox.admin.service;

import dev.lightbox.account.service.UserCounts;
import dev.lightbox.base.usage.StorageUsage;
import dev.lightbox.base.usage.StoredBytes;
import dev.lightbox.jobs.JobStatsService;
import dev.lightbox.library.service.LibraryTotals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Users, photos, stored bytes, the last day's jobs, queues, workers, health, version and uptime, read fresh. */
@Service
public class OverviewService {

    /** The storage kinds in the order people read them; a module's other kinds follow. */
    private static final List<String> KINDS = List.of("originals", "renditions", "results", "models");

    private final UserCounts users;
    private final LibraryTotals library;
    private final List<StorageUsage> storage;
    private final JobStatsService jobs;
    private final HealthContributorRegistry health;
    private final Clock clock;
    private final Instant startedAt;

    OverviewService(UserCounts users, LibraryTotals library, List<StorageUsage> storage, JobStatsService jobs,
                    HealthContributorRegistry health, Clock clock, ApplicationContext context) {
        this.users = users;
        this.library = library;
        this.storage = storage;
        this.jobs = jobs;
        this.health = health;
        this.clock = clock;
        this.startedAt = Instant.ofEpochMilli(context.getStartupDate());
    }

    @PreAuthorize("hasRole('ADMIN')")
    public Overview overview() {
        Instant now = clock.instant();
        return new Overview(users.counts(), library.photos(), storedBytes(), jobs.countsSince(now.minus(Duration.ofHours(24))),
                jobs.queues(), jobs.workersOnline(), new Overview.HealthSummary(status("db"), status("s3")), version(), startedAt,
                Math.max(0, Duration.between(startedAt, now).toSeconds()));
    }

    /** Every module's kinds, summed by kind. */
    List<StoredBytes> storedBytes() {
        Map<String, StoredBytes> byKind = new LinkedHashMap<>();
        KINDS.forEach(kind -> byKind.put(kind, new StoredBytes(kind, 0, 0)));
        storage.stream().flatMap(usage -> usage.storedBytes().stream()).forEach(stored -> byKind.merge(stored.kind(), stored,
                (a, b) -> new StoredBytes(a.kind(), a.objects() + b.objects(), a.bytes() + b.bytes())));
        return List.copyOf(byKind.values());
    }

    private String status(String indicator) {
        if (!(health.getContributor(indicator) instanceof HealthIndicator check)) return "DOWN";
        try {
            var result = check.health();
            return result != null && Status.UP.equals(result.getStatus()) ? "UP" : "DOWN";
        } catch (RuntimeException e) {
            return "DOWN";
        }
    }

    /** The packaged jar's version (its manifest), or "dev" when run from classes. */
    static String version() {
        String version = OverviewService.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
