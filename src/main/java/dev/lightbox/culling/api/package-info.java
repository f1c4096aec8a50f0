@NullMarked
package dev.lightbox.culling.api;

import org.jspecify.annotations.NullMarked;
