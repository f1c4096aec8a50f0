package dev.lightbox.data.export.service;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Why an export request cannot be done; the controller answers each reason with its status. */
public class ExportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Reason { NOT_FOUND, RUNNING, NOT_READY, EXPIRED }

    private final Reason reason;
    private final @Nullable UUID exportId;

    public ExportException(Reason reason, @Nullable UUID exportId, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.exportId = exportId;
    }

    public Reason reason() {
        return reason;
    }

    /** The export concerned: for RUNNING, the one already running. */
    public @Nullable UUID exportId() {
        return exportId;
    }
}
