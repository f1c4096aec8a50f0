@NullMarked
package dev.lightbox.jobs.ui;

import org.jspecify.annotations.NullMarked;
