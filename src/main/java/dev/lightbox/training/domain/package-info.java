/** Training's tables; the only training classes that hold SQL. */
@NullMarked
package dev.lightbox.training.domain;

import org.jspecify.annotations.NullMarked;
