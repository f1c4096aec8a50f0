@NullMarked
package dev.lightbox.storage.embedded;

import org.jspecify.annotations.NullMarked;
