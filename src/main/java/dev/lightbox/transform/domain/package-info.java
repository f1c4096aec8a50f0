@NullMarked
package dev.lightbox.transform.domain;

import org.jspecify.annotations.NullMarked;
