package dev.lightbox.scoring.service;

import java.util.UUID;

/** Published in the transaction that activates, changes or deletes the owner's active config: the library needs re-scoring. */
record ActiveConfigChanged(UUID ownerId) {
}
