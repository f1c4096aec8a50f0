@NullMarked
package dev.lightbox.sync.service;

import org.jspecify.annotations.NullMarked;
