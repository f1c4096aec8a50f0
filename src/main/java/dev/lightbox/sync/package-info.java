/**
 * Attribute sync: a device analyses photos itself and sends only their hashes, metadata and attributes
 * ({@code /api/v1/sync}); each becomes a photo without an original in the owner's library.
 */
@NullMarked
@ApplicationModule(displayName = "Sync")
package dev.lightbox.sync;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
