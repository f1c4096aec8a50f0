/**
 * Photo analysis: attributes computed once per content (SHA-256) and analyzer version, by a multi-step
 * job, and kept for scoring ("inference once, score many").
 */
@NullMarked
@ApplicationModule(displayName = "Analysis")
package dev.lightbox.analysis;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
