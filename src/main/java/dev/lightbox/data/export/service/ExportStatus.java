package dev.lightbox.data.export.service;

/** An export's state: its job writes the zip (RUNNING), it can be downloaded (READY), or it FAILED or EXPIRED. */
public enum ExportStatus {
    RUNNING, READY, FAILED, EXPIRED
}
