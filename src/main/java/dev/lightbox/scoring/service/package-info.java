/** Scoring services other modules may call. */
@NullMarked
@NamedInterface("service")
package dev.lightbox.scoring.service;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
