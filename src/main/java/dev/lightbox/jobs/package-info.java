/**
 * Durable jobs: a queue in PostgreSQL worked by executor pools (queues {@code gpu} and {@code cpu}),
 * with leases, retries, cancellation and live progress (LISTEN/NOTIFY) for any node's UI and API.
 * Other modules declare each job type once ({@link dev.lightbox.jobs.JobType}: name, title, queue, payload record) next to
 * its {@link dev.lightbox.jobs.JobHandler}, and enqueue through {@link dev.lightbox.jobs.JobService};
 * {@link dev.lightbox.jobs.JobTypes} gives every type's human name.
 */
@NullMarked
@ApplicationModule(displayName = "Jobs")
package dev.lightbox.jobs;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
