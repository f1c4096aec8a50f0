package dev.lightbox.storage;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} component "s3": up when the S3 server answers and the bucket exists. */
@Component("s3")
class StorageHealthIndicator extends AbstractHealthIndicator {

    private final ObjectStore store;

    StorageHealthIndicator(ObjectStore store) {
        super("S3 health check failed");
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("bucket", store.bucket());
        if (store.bucketExists()) builder.up();
        else builder.down().withDetail("reason", "bucket missing");
    }
}
