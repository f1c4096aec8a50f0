@NullMarked
package dev.lightbox.data.export.domain;

import org.jspecify.annotations.NullMarked;
