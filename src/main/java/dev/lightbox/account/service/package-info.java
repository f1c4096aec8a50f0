/** Account services other modules may call (e.g. the admin console lists accounts). */
@NullMarked
@NamedInterface("service")
package dev.lightbox.account.service;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
