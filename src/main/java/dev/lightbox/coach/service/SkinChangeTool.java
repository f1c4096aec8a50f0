package dev.lightbox.coach.service;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.lightbox.skin.service.SkinDiaryService;
import dev.lightbox.skin.service.SkinMetric;
import dev.lightbox.skin.service.SkinTrend;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** {@code skin_change}: a skin metric of the diary's analysed check-ins since a date, first against last, with a line chart. */
@Component
class SkinChangeTool extends NamedCoachTool<SkinChangeTool.Input> {

    record Input(
            @JsonPropertyDescription("redness, blemishes, evenness, texture or shine (oiliness)") @Nullable String metric,
            @JsonPropertyDescription("first day, ISO yyyy-MM-dd, included; omit for the whole diary") @Nullable LocalDate since,
            @JsonPropertyDescription("last day, ISO yyyy-MM-dd, included; omit for up to now") @Nullable LocalDate to) {
    }

    private final SkinDiaryService skin;

    SkinChangeTool(SkinDiaryService skin) {
        super("skin_change",
                "How a skin metric of the user's skin diary changed since a date: the first and last analysed check-in, the change "
                    + "(absolute and %), whether that is better, and a line chart of every check-in.",
                Input.class);
        this.skin = skin;
    }

    @Override
    public ToolResult run(UUID userId, Input in) {
        Metric metric = Metric.require(in.metric());
        if (!metric.isSkin()) throw new IllegalArgumentException("metric: " + metric.key() + " is not a skin metric (redness, blemishes, evenness, texture, shine).");
        return change(userId, SkinMetric.of(metric.key()).orElseThrow(), new DateRange(in.since(), in.to()));
    }

    ToolResult change(UUID userId, SkinMetric metric, DateRange range) {
        SkinTrend trend = skin.trend(userId, metric, null, range.from(), range.to());
        String what = metric.title().toLowerCase(Locale.ROOT);
        List<SkinTrend.Point> points = trend.points();
        var facts = new ArrayList<Fact>(List.of(new Fact("check-ins", String.valueOf(points.size()))));
        if (points.isEmpty()) {
            return new ToolResult("You have no analysed skin check-in " + range.words() + ", so there is no " + what + " to follow.", facts,
                    List.of(), null);
        }
        var chart = new Chart(Chart.Kind.LINE, metric.title() + " per check-in", metric.key(),
                List.of(new Chart.Series(metric.title(), points.stream().map(p -> new Chart.Point(p.takenAt().toLocalDate().toString(), p.value())).toList())));
        SkinTrend.Point first = points.getFirst();
        SkinTrend.Point last = points.getLast();
        facts.add(new Fact("first " + metric.key(), Numbers.format(first.value())));
        facts.add(new Fact("first check-in", first.takenAt().toLocalDate().toString()));
        facts.add(new Fact("last " + metric.key(), Numbers.format(last.value())));
        facts.add(new Fact("last check-in", last.takenAt().toLocalDate().toString()));
        List<UUID> photos = List.of(last.photoId());
        if (points.size() == 1) {
            return new ToolResult("One analysed check-in " + range.words() + ": your " + what + " was " + Numbers.format(last.value()) + " on "
                    + Numbers.day(last.takenAt()) + ".", facts, photos, chart);
        }
        double change = last.value() - first.value();
        Double percent = Numbers.percent(first.value(), last.value());
        facts.add(new Fact("change", Numbers.signed(change)));
        facts.add(new Fact("change %", Numbers.percentWords(percent)));
        String verdict = change == 0 ? "unchanged" : (change < 0) == metric.higherIsWorse() ? "better" : "worse";
        return new ToolResult("Your " + what + " went from " + Numbers.format(first.value()) + " on " + Numbers.day(first.takenAt()) + " to "
                + Numbers.format(last.value()) + " on " + Numbers.day(last.takenAt()) + " (" + Numbers.signed(change) + ", "
                + Numbers.percentWords(percent) + ") over " + points.size() + " check-ins: " + verdict + ".", facts, photos, chart);
    }
}
