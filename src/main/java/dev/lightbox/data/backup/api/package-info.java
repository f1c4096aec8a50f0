@NullMarked
package dev.lightbox.data.backup.api;

import org.jspecify.annotations.NullMarked;
