@NullMarked
package dev.lightbox.billing.api;

import org.jspecify.annotations.NullMarked;
