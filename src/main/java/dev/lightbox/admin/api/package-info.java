@NullMarked
package dev.lightbox.admin.api;

import org.jspecify.annotations.NullMarked;
