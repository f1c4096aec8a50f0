@NullMarked
@NamedInterface("service")
package dev.lightbox.skin.service;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
