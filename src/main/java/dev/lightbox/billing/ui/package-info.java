@NullMarked
package dev.lightbox.billing.ui;

import org.jspecify.annotations.NullMarked;
