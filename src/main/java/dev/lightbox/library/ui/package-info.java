/** The library's views, and {@link dev.lightbox.library.ui.PhotoPageSection} for modules that add to the photo page. */
@NullMarked
@NamedInterface("ui")
package dev.lightbox.library.ui;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
