package dev.lightbox.coach.service;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.lightbox.coach.domain.CoachRepository;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** {@code count_photos}: how many photos in a period (by capture time), with the photo filters; the first and last date. */
@Component
class CountPhotosTool extends NamedCoachTool<CountPhotosTool.Input> {

    record Input(
            @JsonPropertyDescription("first day, ISO yyyy-MM-dd, included; omit for no start") @Nullable LocalDate from,
            @JsonPropertyDescription("last day, ISO yyyy-MM-dd, included; omit for no end") @Nullable LocalDate to,
            @JsonPropertyDescription("only photos with this label (a plural finds the singular too)") @Nullable String label,
            @JsonPropertyDescription("only photos whose camera make or model contains these words") @Nullable String camera,
            @JsonPropertyDescription("true: only photos with faces; false: only without") @Nullable Boolean faces,
            @JsonPropertyDescription("dark | normal | bright: only photos of that exposure (brightness under 0.35, 0.35 to 0.65, over 0.65)")
            @Nullable String exposure,
            @JsonPropertyDescription("only photos the user rated at least this many stars, 1 to 5") @Nullable Integer minStars) {
    }

    private final CoachRepository repository;

    CountPhotosTool(CoachRepository repository) {
        super("count_photos",
                "Counts the user's photos taken in a period (capture time), optionally with a label, a camera, faces, an exposure or a minimum star rating; gives the first and last capture date.",
                Input.class);
        this.repository = repository;
    }

    @Override
    public ToolResult run(UUID userId, Input in) {
        CoachRepository.Filter filter = Filters.of(in.from(), in.to(), in.label(), in.camera(), in.faces(), in.exposure(), in.minStars());
        CoachRepository.Count count = repository.count(userId, filter);
        var facts = new ArrayList<Fact>(List.of(new Fact("photos", String.valueOf(count.photos()))));
        DateRange range = Filters.range(filter);
        if (range.from() != null) facts.add(new Fact("from", range.from().toString()));
        if (range.to() != null) facts.add(new Fact("to", range.to().toString()));
        String summary = "You took " + Numbers.plural(count.photos(), "photo", "photos") + Filters.words(filter) + " " + range.words() + ".";
        if (count.first() != null && count.last() != null) {
            facts.add(new Fact("first taken", count.first().toLocalDate().toString()));
            facts.add(new Fact("last taken", count.last().toLocalDate().toString()));
            summary += count.photos() == 1 ? " It was taken on " + Numbers.day(count.first()) + "."
                    : " The first was taken on " + Numbers.day(count.first()) + ", the last on " + Numbers.day(count.last()) + ".";
        }
        return new ToolResult(summary, facts, List.of(), null);
    }
}
