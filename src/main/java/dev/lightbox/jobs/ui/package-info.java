/** The Jobs view, and {@link dev.lightbox.jobs.ui.JobUpdates} for any view that shows live job progress. */
@NullMarked
@NamedInterface("ui")
package dev.lightbox.jobs.ui;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
