package dev.lightbox.coach.service;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.lightbox.coach.domain.CoachRepository;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** {@code count_photos}: how many photos in a period (by capture time), with a label or a camera; the first and last date. */
@Component
class CountPhotosTool implements CoachTool<CountPhotosTool.Input> {

    record Input(
            @JsonPropertyDescription("first day, ISO yyyy-MM-dd, included; omit for no start") @Nullable LocalDate from,
            @JsonPropertyDescription("last day, ISO yyyy-MM-dd, included; omit for no end") @Nullable LocalDate to,
            @JsonPropertyDescription("only photos with this label (a plural finds the singular too)") @Nullable String label,
            @JsonPropertyDescription("only photos whose camera make or model contains these words") @Nullable String camera) {
    }

    private final CoachRepository repository;

    CountPhotosTool(CoachRepository repository) {
        this.repository = repository;
    }

    @Override
    public String name() {
        return "count_photos";
    }

    @Override
    public String description() {
        return "Counts the user's photos taken in a period (capture time), optionally with a label or a camera; gives the first and last capture date.";
    }

    @Override
    public Class<Input> input() {
        return Input.class;
    }

    @Override
    public ToolResult run(UUID userId, Input in) {
        CoachRepository.Filter filter = Filters.of(in.from(), in.to(), in.label(), in.camera(), null);
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
