/** The admin console: server-side checked views and REST for users with the ADMIN role. */
@NullMarked
@ApplicationModule(displayName = "Admin")
package dev.lightbox.admin;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
