@NullMarked
package dev.lightbox.analysis.domain;

import org.jspecify.annotations.NullMarked;
