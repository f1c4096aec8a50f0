/** Scoring's tables: configs, score inputs and stored scores; the only scoring classes that hold SQL. */
@NullMarked
package dev.lightbox.scoring.domain;

import org.jspecify.annotations.NullMarked;
