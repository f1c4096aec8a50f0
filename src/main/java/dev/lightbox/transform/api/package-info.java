@NullMarked
package dev.lightbox.transform.api;

import org.jspecify.annotations.NullMarked;
