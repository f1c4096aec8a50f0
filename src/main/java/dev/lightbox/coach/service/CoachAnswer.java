package dev.lightbox.coach.service;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One answer of the coach, as {@code POST /api/v1/coach/ask} returns it: the text, the intent it was read as, the
 * numbers it rests on, the photos it lists (best first, up to {@link #MAX_PHOTOS}), an optional chart, where the answer
 * came from, and which tools produced the facts.
 */
public record CoachAnswer(String answer, String intent, List<Fact> facts, List<UUID> photos, @Nullable Chart chart,
                          CoachSource source, List<String> functions) {

    public static final int MAX_PHOTOS = 50;

    public CoachAnswer {
        facts = List.copyOf(facts);
        photos = List.copyOf(photos.size() > MAX_PHOTOS ? photos.subList(0, MAX_PHOTOS) : photos);
        functions = List.copyOf(functions);
    }
}
