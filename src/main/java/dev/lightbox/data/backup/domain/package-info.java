@NullMarked
package dev.lightbox.data.backup.domain;

import org.jspecify.annotations.NullMarked;
