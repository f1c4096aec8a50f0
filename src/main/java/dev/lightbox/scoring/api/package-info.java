@NullMarked
package dev.lightbox.scoring.api;

import org.jspecify.annotations.NullMarked;
