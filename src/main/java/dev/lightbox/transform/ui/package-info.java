@NullMarked
package dev.lightbox.transform.ui;

import org.jspecify.annotations.NullMarked;
