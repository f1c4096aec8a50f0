/**
 * The optional remote vision provider: any OpenAI-compatible chat-completions server describes a photo
 * (caption, subjects, setting, mood, tags, an aesthetic mark) from a small EXIF-free preview, for credits.
 * Off unless {@code LIGHTBOX_VISION_URL} is set: nothing leaves the box unless the owner turns it on.
 */
@NullMarked
@ApplicationModule(displayName = "Vision")
package dev.lightbox.vision;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
