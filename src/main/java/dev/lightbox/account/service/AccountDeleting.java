package dev.lightbox.account.service;

import java.util.UUID;

/**
 * Published synchronously inside the transaction that deletes an account, just before its users row goes (every row
 * that references it then goes by cascade). Modules that keep objects for the account enqueue their deletion-outbox
 * jobs (owner null, so the job rows outlive the account) for the objects only this account referenced; the objects
 * go after the commit, never inside the transaction.
 */
public record AccountDeleting(UUID userId) {
}
