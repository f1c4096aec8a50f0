@NullMarked
package dev.lightbox.jobs.api;

import org.jspecify.annotations.NullMarked;
