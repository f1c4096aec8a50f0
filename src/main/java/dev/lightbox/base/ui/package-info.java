/** The app shell every view sits in: navigation, the signed-in user, logout, light/dark toggle. */
@NullMarked
@NamedInterface("ui")
package dev.lightbox.base.ui;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
