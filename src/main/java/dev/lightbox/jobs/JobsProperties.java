package dev.lightbox.jobs;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code LIGHTBOX_ROLE} (all | web | worker) and {@code LIGHTBOX_JOBS_*}: pool sizes per queue, the lease
 * a running job holds, the safety poll behind LISTEN/NOTIFY, and the retry backoff.
 */
@Validated
@ConfigurationProperties("lightbox")
public record JobsProperties(Role role, Jobs jobs) {

    public enum Role {
        ALL, WEB, WORKER;

        public boolean runsJobs() {
            return this != WEB;
        }

        public boolean servesUi() {
            return this != WORKER;
        }
    }

    public record Jobs(@Nullable @Min(1) @Max(256) Integer cpuThreads, @Nullable @Min(1) @Max(64) Integer gpuThreads,
                       Duration lease, Duration pollInterval, Duration retryBase, Duration retryMax) {
        public Jobs {
            if (lease == null) lease = Duration.ofSeconds(30);
            if (pollInterval == null) pollInterval = Duration.ofSeconds(5);
            if (retryBase == null) retryBase = Duration.ofSeconds(2);
            if (retryMax == null) retryMax = Duration.ofMinutes(10);
        }
    }

    @SuppressWarnings("NullAway") // Spring binds an absent group as null; its defaults are filled in its own constructor
    public JobsProperties {
        if (role == null) role = Role.ALL;
        if (jobs == null) jobs = new Jobs(null, null, null, null, null, null);
    }
}
