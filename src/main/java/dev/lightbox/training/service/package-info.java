@NullMarked
package dev.lightbox.training.service;

import org.jspecify.annotations.NullMarked;
