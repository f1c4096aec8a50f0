@NullMarked
package dev.lightbox.base.database;

import org.jspecify.annotations.NullMarked;
