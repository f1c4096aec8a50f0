package dev.lightbox.jobs;

/** Which executor pool runs a job: {@code gpu} (model work, one slot per GPU) or {@code cpu}. */
public enum JobQueue {
    GPU, CPU;

    public String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
