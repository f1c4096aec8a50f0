package dev.lightbox.transform.service;

import dev.lightbox.base.usage.StorageUsage;
import dev.lightbox.base.usage.StoredBytes;
import dev.lightbox.transform.domain.TransformUsageRepository;
import java.util.List;
import org.springframework.stereotype.Component;

/** Restyle results and installed models, counted from the transform rows. */
@Component
class TransformStorageUsage implements StorageUsage {

    private final TransformUsageRepository usage;

    TransformStorageUsage(TransformUsageRepository usage) {
        this.usage = usage;
    }

    @Override
    public List<StoredBytes> storedBytes() {
        var results = usage.results();
        var models = usage.models();
        return List.of(new StoredBytes("results", results.objects(), results.bytes()),
                new StoredBytes("models", models.objects(), models.bytes()));
    }
}
