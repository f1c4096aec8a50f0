@NullMarked
package dev.lightbox.skin.service;

import org.jspecify.annotations.NullMarked;
