package dev.lightbox.skin.service;

import java.util.UUID;

/** A photo accepted into the diary and the {@code skin.analyse} job that measures it. */
public record CheckinStarted(UUID photoId, UUID jobId) {
}
