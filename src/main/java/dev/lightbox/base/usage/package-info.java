/** What each module keeps in the object store, summed for the admin overview ({@link StorageUsage}). */
@NullMarked
@NamedInterface("usage")
package dev.lightbox.base.usage;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
