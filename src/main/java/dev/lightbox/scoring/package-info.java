/**
 * Scoring: per-user configs (weights per attribute, thresholds) that turn cached analysis attributes into
 * a 0–100 score, pass/fail reasons, explanations and advice, without running analysis again.
 */
@NullMarked
@ApplicationModule(displayName = "Scoring")
package dev.lightbox.scoring;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
