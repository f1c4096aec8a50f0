package dev.lightbox.skin.service;

import org.jspecify.annotations.Nullable;

/** TEMPORARY stub of helper A's contract type, replaced when skin-analysis is merged. */
record FaceBox(double x, double y, double w, double h, double confidence, double @Nullable [] rightEye, double @Nullable [] leftEye) {
}
