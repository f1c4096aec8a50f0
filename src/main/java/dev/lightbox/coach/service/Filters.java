package dev.lightbox.coach.service;

import dev.lightbox.coach.domain.CoachRepository;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** The photo filters the tools share, their checks and their words ("with the label cats, taken with a Canon"). */
final class Filters {

    static final int MAX_TEXT = 100;

    private Filters() {
    }

    static CoachRepository.Filter of(@Nullable LocalDate from, @Nullable LocalDate to, @Nullable String label, @Nullable String camera,
                                     @Nullable Boolean faces) {
        new DateRange(from, to); // checks the order
        return new CoachRepository.Filter(from, to, text("label", label), text("camera", camera), faces);
    }

    private static @Nullable String text(String name, @Nullable String value) {
        if (value == null || value.isBlank()) return null;
        if (value.length() > MAX_TEXT) throw new IllegalArgumentException(name + ": at most " + MAX_TEXT + " characters.");
        return value.strip();
    }

    /** " with the label “cats”, taken with a camera matching “canon”, with faces" (empty when none). */
    static String words(CoachRepository.Filter f) {
        var s = new StringBuilder();
        if (f.label() != null) s.append(" with the label “").append(f.label()).append('”');
        if (f.camera() != null) s.append(" taken with a camera matching “").append(f.camera()).append('”');
        if (f.faces() != null) s.append(f.faces() ? " with faces" : " without faces");
        return s.toString();
    }

    static DateRange range(CoachRepository.Filter f) {
        return new DateRange(f.from(), f.to());
    }
}
