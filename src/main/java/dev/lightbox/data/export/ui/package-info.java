@NullMarked
package dev.lightbox.data.export.ui;

import org.jspecify.annotations.NullMarked;
