@NullMarked
package dev.lightbox.culling.ui;

import org.jspecify.annotations.NullMarked;
