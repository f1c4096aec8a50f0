@NullMarked
package dev.lightbox.jobs.engine;

import org.jspecify.annotations.NullMarked;
