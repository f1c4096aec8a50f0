@NullMarked
package dev.lightbox.data.export.api;

import org.jspecify.annotations.NullMarked;
