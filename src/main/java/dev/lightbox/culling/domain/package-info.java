/** Culling's tables: the groups and their members; the only culling classes that hold SQL. */
@NullMarked
package dev.lightbox.culling.domain;

import org.jspecify.annotations.NullMarked;
