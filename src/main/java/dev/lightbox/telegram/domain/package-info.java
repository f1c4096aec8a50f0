@NullMarked
package dev.lightbox.telegram.domain;

import org.jspecify.annotations.NullMarked;
