package dev.lightbox.transform.pipeline;

import java.util.Locale;

/** How one step ended: {@code skipped} says why in its message (e.g. "skipped: no depth model"). */
public enum StepStatus {
    RUNNING, DONE, SKIPPED, FAILED, CANCELLED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
