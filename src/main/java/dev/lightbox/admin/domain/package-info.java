@NullMarked
package dev.lightbox.admin.domain;

import org.jspecify.annotations.NullMarked;
