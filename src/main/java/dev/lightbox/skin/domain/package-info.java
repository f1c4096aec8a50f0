@NullMarked
package dev.lightbox.skin.domain;

import org.jspecify.annotations.NullMarked;
