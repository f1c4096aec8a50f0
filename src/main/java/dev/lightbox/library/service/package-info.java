/** Library services other modules may call (analysis and jobs read photos and their originals). */
@NullMarked
@NamedInterface("service")
package dev.lightbox.library.service;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
