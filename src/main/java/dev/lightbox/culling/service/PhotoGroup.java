package dev.lightbox.culling.service;

import java.util.List;
import java.util.UUID;

/** A group as the API and the Review page show it: its members in capture order and the suggested keeper. */
public record PhotoGroup(UUID id, String kind, List<UUID> photoIds, UUID suggested) {
}
