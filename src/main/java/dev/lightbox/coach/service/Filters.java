package dev.lightbox.coach.service;

import dev.lightbox.coach.domain.CoachRepository;
import java.time.LocalDate;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The photo filters the tools share, their checks and their words ("with the label cats, taken with a Canon"). */
final class Filters {

    static final int MAX_TEXT = 100;

    private Filters() {
    }

    static CoachRepository.Filter of(@Nullable LocalDate from, @Nullable LocalDate to) {
        return of(from, to, null, null, null, null, null);
    }

    static CoachRepository.Filter of(@Nullable LocalDate from, @Nullable LocalDate to, @Nullable String label, @Nullable String camera,
                                     @Nullable Boolean faces, @Nullable String exposure, @Nullable Integer minStars) {
        new DateRange(from, to); // checks the order and the bounds
        if (minStars != null && (minStars < 1 || minStars > 5)) throw new IllegalArgumentException("minStars: 1 to 5.");
        return new CoachRepository.Filter(from, to, text("label", label), text("camera", camera), faces, exposure(exposure), minStars);
    }

    private static CoachRepository.@Nullable Exposure exposure(@Nullable String value) {
        if (value == null || value.isBlank()) return null;
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "dark" -> CoachRepository.Exposure.DARK;
            case "normal" -> CoachRepository.Exposure.NORMAL;
            case "bright" -> CoachRepository.Exposure.BRIGHT;
            default -> throw new IllegalArgumentException("exposure: dark, normal or bright.");
        };
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
        if (f.exposure() != null) s.append(switch (f.exposure()) {
            case DARK -> " that are dark (brightness under 0.35)";
            case NORMAL -> " that are normally exposed (brightness 0.35 to 0.65)";
            case BRIGHT -> " that are bright (brightness over 0.65)";
        });
        if (f.minStars() != null) s.append(" rated at least ").append(Numbers.plural(f.minStars(), "star", "stars"));
        return s.toString();
    }

    static DateRange range(CoachRepository.Filter f) {
        return new DateRange(f.from(), f.to());
    }
}
