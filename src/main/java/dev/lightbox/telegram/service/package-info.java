@NullMarked
package dev.lightbox.telegram.service;

import org.jspecify.annotations.NullMarked;
