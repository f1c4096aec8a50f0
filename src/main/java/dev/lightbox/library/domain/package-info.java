@NullMarked
package dev.lightbox.library.domain;

import org.jspecify.annotations.NullMarked;
