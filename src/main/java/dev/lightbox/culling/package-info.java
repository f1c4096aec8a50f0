@NullMarked
@ApplicationModule(displayName = "Culling")
package dev.lightbox.culling;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
