/** Account deletion, which the admin console calls too. */
@NullMarked
@NamedInterface("deletion")
package dev.lightbox.data.deletion.service;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
