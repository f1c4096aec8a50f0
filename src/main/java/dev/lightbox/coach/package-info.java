/**
 * The coach: plain-language questions over the caller's own photos, attributes, scores, labels, ratings, jobs and skin
 * diary, answered by a fixed set of typed, read-only, user-scoped query functions ("tools"). A deterministic parser maps
 * questions to them; an optional OpenAI-compatible model ({@code LIGHTBOX_COACH_LLM_URL}) may call the same tools
 * instead, never writing SQL. Also the demo library ({@code LIGHTBOX_DEMO=true}).
 */
@NullMarked
@ApplicationModule(displayName = "Coach")
package dev.lightbox.coach;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
