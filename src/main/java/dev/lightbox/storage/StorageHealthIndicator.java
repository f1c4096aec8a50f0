package dev.lightbox.storage;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "s3" (part of readiness): up when the S3 server answers within
 * {@link #TIMEOUT} and the bucket exists.
 */
@Component("s3")
class StorageHealthIndicator extends AbstractHealthIndicator {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final ObjectStore store;

    StorageHealthIndicator(ObjectStore store) {
        super("S3 health check failed");
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        builder.withDetail("bucket", store.bucket());
        // the client's own timeouts are minutes long; a probe must answer in seconds
        var exists = CompletableFuture.supplyAsync(store::bucketExists, task -> Thread.ofVirtual().start(task));
        try {
            if (exists.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) builder.up();
            else builder.down().withDetail("reason", "bucket missing");
        } catch (TimeoutException e) {
            exists.cancel(true);
            builder.down().withDetail("reason", "no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
