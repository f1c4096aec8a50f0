package dev.lightbox.account.service;

import java.time.Instant;
import java.util.UUID;

public record AccountSummary(UUID id, String email, String role, Instant createdAt) {
}
