@NullMarked
package dev.lightbox.culling.service;

import org.jspecify.annotations.NullMarked;
