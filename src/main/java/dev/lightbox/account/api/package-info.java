@NullMarked
package dev.lightbox.account.api;

import org.jspecify.annotations.NullMarked;
