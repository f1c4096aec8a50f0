/** Who is signed in, and how: the security filter chains for the UI and for the REST API. */
@NullMarked
@NamedInterface("security")
package dev.lightbox.base.security;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
