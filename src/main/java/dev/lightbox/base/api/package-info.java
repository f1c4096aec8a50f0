/** Conventions shared by every REST controller: RFC 9457 problem+json errors. */
@NullMarked
@NamedInterface("api")
package dev.lightbox.base.api;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
