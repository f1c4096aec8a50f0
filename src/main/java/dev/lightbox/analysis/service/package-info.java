/** Analysis services other modules may call (scoring reads attributes and library percentiles). */
@NullMarked
@NamedInterface("service")
package dev.lightbox.analysis.service;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
