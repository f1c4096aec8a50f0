/**
 * Retention: the daily {@code retention.sweep} job (and on demand by an admin) that deletes expired restyle
 * results and finished job rows, and reports what it removed.
 */
@NullMarked
@ApplicationModule(displayName = "Retention")
package dev.lightbox.retention;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
