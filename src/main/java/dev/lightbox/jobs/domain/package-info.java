@NullMarked
package dev.lightbox.jobs.domain;

import org.jspecify.annotations.NullMarked;
