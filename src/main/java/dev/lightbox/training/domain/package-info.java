/** The training module's rows: the only classes here that hold SQL. */
@NullMarked
package dev.lightbox.training.domain;

import org.jspecify.annotations.NullMarked;
