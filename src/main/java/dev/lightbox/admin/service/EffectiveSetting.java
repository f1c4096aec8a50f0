package dev.lightbox.admin.service;

import org.jspecify.annotations.Nullable;

/**
 * One {@code lightbox.*} setting as it is in effect: its environment variable {@code name}, its {@code property}, its
 * {@code value} ("••••••" for a secret that is set; null when unset), and where the value came from ({@code source}:
 * "environment", "application.properties", "default", or the name of another property source).
 */
public record EffectiveSetting(String name, String property, @Nullable String value, boolean secret, String source) {
}
