@NullMarked
package dev.lightbox.billing.domain;

import org.jspecify.annotations.NullMarked;
