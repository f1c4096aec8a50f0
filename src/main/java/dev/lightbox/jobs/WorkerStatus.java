package dev.lightbox.jobs;

/** A registered node: beating ({@code ONLINE}), silent for 3 leases without an orderly stop ({@code LOST}), or stopped. */
public enum WorkerStatus {
    ONLINE, LOST, STOPPED
}
