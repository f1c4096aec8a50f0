@NullMarked
package dev.lightbox.analysis.api;

import org.jspecify.annotations.NullMarked;
