/**
 * Culling's views: the Review page, and the full-screen viewer the library and scoring pages open through
 * {@link dev.lightbox.library.ui.PhotoViewer}.
 */
@NullMarked
package dev.lightbox.culling.ui;

import org.jspecify.annotations.NullMarked;
