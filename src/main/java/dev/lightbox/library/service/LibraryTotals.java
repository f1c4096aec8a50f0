package dev.lightbox.library.service;

import dev.lightbox.base.usage.StorageUsage;
import dev.lightbox.base.usage.StoredBytes;
import dev.lightbox.library.domain.LibraryUsageRepository;
import java.util.List;
import org.springframework.stereotype.Service;

/** The library's totals for the admin overview: photos, and the originals and renditions they keep in storage. */
@Service
public class LibraryTotals implements StorageUsage {

    private final LibraryUsageRepository usage;

    LibraryTotals(LibraryUsageRepository usage) {
        this.usage = usage;
    }

    /** Every photo row of every user (uploaded and synced, trash included). */
    public long photos() {
        return usage.photos();
    }

    @Override
    public List<StoredBytes> storedBytes() {
        var originals = usage.originals();
        var renditions = usage.renditions();
        return List.of(new StoredBytes("originals", originals.objects(), originals.bytes()),
                new StoredBytes("renditions", renditions.objects(), renditions.bytes()));
    }
}
