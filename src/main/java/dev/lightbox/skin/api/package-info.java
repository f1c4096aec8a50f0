@NullMarked
package dev.lightbox.skin.api;

import org.jspecify.annotations.NullMarked;
