package dev.lightbox.coach.service;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a coach tool returns: a one-line summary in plain words, the facts (numbers), the matching photo ids (every one
 * up to {@link CoachAnswer#MAX_PHOTOS}, best first) and an optional chart. This, serialised as JSON, is all a language
 * model ever sees of the user's data.
 */
public record ToolResult(String summary, List<Fact> facts, List<UUID> photos, @Nullable Chart chart) {
    public ToolResult {
        facts = List.copyOf(facts);
        photos = List.copyOf(photos);
    }
}
