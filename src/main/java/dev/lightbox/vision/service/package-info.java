@NullMarked
@NamedInterface("service")
package dev.lightbox.vision.service;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
