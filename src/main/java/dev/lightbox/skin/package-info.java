/**
 * SkinTracker: a skin diary of check-ins (photos of the owner's face), each measured by the skin analysis
 * (Face Mesh landmarks → regions → lighting-normalised metrics) in a {@code skin.analyse} job, with trends
 * over time. Photos come in from the Skin page, the API, any photo page or the Telegram bot.
 */
@NullMarked
@ApplicationModule(displayName = "Skin")
package dev.lightbox.skin;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
