package dev.lightbox.training.service;

import dev.lightbox.base.usage.StorageUsage;
import dev.lightbox.base.usage.StoredBytes;
import dev.lightbox.training.domain.ModelUsageRepository;
import java.util.List;
import org.springframework.stereotype.Component;

/** Trained model versions, counted from their rows (one object per version: its files share one prefix). */
@Component
class TrainingStorageUsage implements StorageUsage {

    private final ModelUsageRepository usage;

    TrainingStorageUsage(ModelUsageRepository usage) {
        this.usage = usage;
    }

    @Override
    public List<StoredBytes> storedBytes() {
        var versions = usage.versions();
        return List.of(new StoredBytes("models", versions.versions(), versions.bytes()));
    }
}
