package dev.lightbox.training;

import java.util.UUID;

/** Published when "learn my taste" has stored new personal scores for a user's photos: scores that weigh them change. */
public record PersonalScoresChanged(UUID ownerId) {
}
