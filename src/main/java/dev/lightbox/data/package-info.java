/**
 * Your data stays yours: export of a whole library to one zip, account deletion, and backup and restore of an
 * installation (database snapshot plus objects, with a manifest of checksums).
 */
@NullMarked
@ApplicationModule(displayName = "Data")
package dev.lightbox.data;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
