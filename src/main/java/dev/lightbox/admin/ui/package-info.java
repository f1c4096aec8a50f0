@NullMarked
package dev.lightbox.admin.ui;

import org.jspecify.annotations.NullMarked;
