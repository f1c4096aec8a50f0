package dev.lightbox.account.service;

import java.util.UUID;

/** Published inside the transaction that creates an account (listeners that write join it). */
public record AccountCreated(UUID userId) {
}
