@NullMarked
@NamedInterface("service")
package dev.lightbox.billing.service;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
