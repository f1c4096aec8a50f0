/**
 * The foundation every feature stands on: app shell and navigation, security, error handling,
 * the data directory and the database connection (embedded PostgreSQL unless one is configured).
 */
@NullMarked
@ApplicationModule(displayName = "Base")
package dev.lightbox.base;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
