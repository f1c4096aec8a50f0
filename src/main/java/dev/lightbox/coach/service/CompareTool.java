package dev.lightbox.coach.service;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.lightbox.coach.domain.CoachRepository;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** {@code compare}: the mean of an attribute or the score per camera, lens, label, hour of the day or month, as bars. */
@Component
class CompareTool extends NamedCoachTool<CompareTool.Input> {

    record Input(
            @JsonPropertyDescription("an attribute (sharpness, brightness, colorfulness, …), score or rating") @Nullable String metric,
            @JsonPropertyDescription("camera | lens | label | hour | month") String by,
            @JsonPropertyDescription("first day, ISO yyyy-MM-dd, included") @Nullable LocalDate from,
            @JsonPropertyDescription("last day, ISO yyyy-MM-dd, included") @Nullable LocalDate to) {
    }

    private final CoachRepository repository;

    CompareTool(CoachRepository repository) {
        super("compare",
                "Compares groups of the user's photos (by camera, lens, label, hour of the day or month): the mean of an attribute or the "
                    + "score and the number of photos per group, as a bar chart.",
                Input.class);
        this.repository = repository;
    }

    @Override
    public ToolResult run(UUID userId, Input in) {
        Metric metric = Metric.require(in.metric());
        if (metric.isSkin()) throw new IllegalArgumentException("metric: " + metric.key() + " is a skin metric; use skin_change.");
        String by = in.by() == null ? "" : in.by().strip().toLowerCase(Locale.ROOT);
        if (!List.of("camera", "lens", "label", "hour", "month").contains(by)) throw new IllegalArgumentException("by: camera, lens, label, hour or month.");
        var filter = Filters.of(in.from(), in.to());
        List<CoachRepository.Group> groups = repository.compare(userId, metric.measure(), filter, by);
        String what = metric.label().toLowerCase(Locale.ROOT);
        String range = Filters.range(filter).words();
        if (groups.isEmpty()) {
            return new ToolResult("No analysed photo " + range + " has a " + what + " value to compare by " + by + ".",
                    List.of(new Fact("groups", "0")), List.of(), null);
        }
        var facts = new ArrayList<Fact>();
        for (CoachRepository.Group g : groups) {
            facts.add(new Fact(g.name() + " mean", Numbers.format(g.mean())));
            facts.add(new Fact(g.name() + " photos", String.valueOf(g.photos())));
        }
        var chart = new Chart(Chart.Kind.BAR, "Mean " + what + " by " + by, metric.key(),
                List.of(new Chart.Series(metric.label(), groups.stream().map(g -> new Chart.Point(g.name(), g.mean())).toList())));
        Comparator<CoachRepository.Group> better = Comparator.comparingDouble(g -> goodness(metric, g.mean()));
        CoachRepository.Group best = groups.stream().max(better).orElseThrow();
        CoachRepository.Group worst = groups.stream().min(better).orElseThrow();
        String summary = groups.size() == 1
                ? "All " + Numbers.plural(best.photos(), "photo", "photos") + " with " + what + " " + range + " share one " + by + ", " + best.name()
                  + ": mean " + what + " " + Numbers.format(best.mean()) + "."
                : "Mean " + what + " by " + by + " " + range + ": best " + best.name() + " (" + Numbers.format(best.mean()) + ", "
                  + Numbers.plural(best.photos(), "photo", "photos") + "), worst " + worst.name() + " (" + Numbers.format(worst.mean()) + ", "
                  + Numbers.plural(worst.photos(), "photo", "photos") + "), over " + groups.size() + " groups.";
        return new ToolResult(summary, facts, List.of(), chart);
    }

    /** Higher is better: the value, its negative, or its nearness to the target. */
    private static double goodness(Metric metric, double value) {
        if (metric.target() != null) return -Math.abs(value - metric.target());
        return metric.higherIsBetter() ? value : -value;
    }
}
