package dev.lightbox.base.usage;

import java.util.List;

/**
 * A module that stores objects says how much, from its own rows (never by listing the bucket on request).
 * The admin overview adds up every bean of this type; kinds with the same name are summed.
 */
public interface StorageUsage {

    List<StoredBytes> storedBytes();
}
