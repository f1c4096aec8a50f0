package dev.lightbox.vision.service;

import java.util.UUID;

/** A describe job queued (its price reserved), or done at once from the cache ({@code cached}, nothing charged). */
public record DescribeStarted(UUID jobId, boolean cached) {
}
