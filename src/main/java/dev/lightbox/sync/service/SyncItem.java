package dev.lightbox.sync.service;

import dev.lightbox.library.service.SyncedPhotos.SyncedPhotoFacts;
import java.time.Instant;
import java.util.Map;

/** A checked item of a sync call: the content's hash, the device analyser's version and attributes, the photo's facts. */
public record SyncItem(String sha256, int analyzerVersion, Map<String, Object> attributes, SyncedPhotoFacts facts, Instant analysedAt) {
}
