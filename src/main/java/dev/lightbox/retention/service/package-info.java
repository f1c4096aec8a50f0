@NullMarked
@NamedInterface("service")
package dev.lightbox.retention.service;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
