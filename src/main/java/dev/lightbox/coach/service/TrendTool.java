package dev.lightbox.coach.service;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.lightbox.coach.domain.CoachRepository;
import dev.lightbox.skin.service.SkinMetric;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@code trend}: the mean of an attribute or the score per day, week or month of capture (a skin metric: per check-in),
 * as a line chart, with the change from the first to the last bucket.
 */
@Component
class TrendTool extends NamedCoachTool<TrendTool.Input> {

    record Input(
            @JsonPropertyDescription("an attribute (sharpness, brightness, colorfulness, …), score, rating, or a skin metric (redness, shine, …)") @Nullable String metric,
            @JsonPropertyDescription("first day, ISO yyyy-MM-dd, included") @Nullable LocalDate from,
            @JsonPropertyDescription("last day, ISO yyyy-MM-dd, included") @Nullable LocalDate to,
            @JsonPropertyDescription("day | week | month (default: by the period's length)") @Nullable String bucket) {
    }

    private final CoachRepository repository;
    private final SkinChangeTool skin;

    TrendTool(CoachRepository repository, SkinChangeTool skin) {
        super("trend",
                "How an attribute, the score or a skin metric changed over time: the mean per day, week or month as a line chart, and the "
                    + "change from the first to the last (absolute and %).",
                Input.class);
        this.repository = repository;
        this.skin = skin;
    }

    @Override
    public ToolResult run(UUID userId, Input in) {
        Metric metric = Metric.require(in.metric());
        var range = new DateRange(in.from(), in.to());
        if (metric.isSkin()) return skin.change(userId, SkinMetric.of(metric.key()).orElseThrow(), range);
        String bucket = in.bucket() == null ? bucket(range) : in.bucket().strip().toLowerCase(Locale.ROOT);
        if (!List.of("day", "week", "month").contains(bucket)) throw new IllegalArgumentException("bucket: day, week or month.");
        var filter = Filters.of(in.from(), in.to());
        List<CoachRepository.Bucket> buckets = repository.trend(userId, metric.measure(), filter, bucket);
        String what = metric.label().toLowerCase(Locale.ROOT);
        long photos = buckets.stream().mapToLong(CoachRepository.Bucket::photos).sum();
        var facts = new ArrayList<Fact>(List.of(new Fact("photos", String.valueOf(photos)), new Fact(bucket + "s", String.valueOf(buckets.size()))));
        if (buckets.isEmpty()) {
            return new ToolResult("No analysed photo " + range.words() + " has a " + what + " value yet.", facts, List.of(), null);
        }
        var chart = new Chart(Chart.Kind.LINE, "Mean " + what + " per " + bucket, metric.key(),
                List.of(new Chart.Series(metric.label(), buckets.stream().map(b -> new Chart.Point(x(b.start(), bucket), b.mean())).toList())));
        CoachRepository.Bucket first = buckets.getFirst();
        CoachRepository.Bucket last = buckets.getLast();
        facts.add(new Fact("first " + bucket, x(first.start(), bucket)));
        facts.add(new Fact("first mean", Numbers.format(first.mean())));
        facts.add(new Fact("last " + bucket, x(last.start(), bucket)));
        facts.add(new Fact("last mean", Numbers.format(last.mean())));
        if (buckets.size() == 1) {
            return new ToolResult("Your mean " + what + " " + range.words() + " is " + Numbers.format(first.mean()) + " over "
                    + Numbers.plural(photos, "photo", "photos") + ", all in one " + bucket + " (" + x(first.start(), bucket) + ").", facts, List.of(), chart);
        }
        double change = last.mean() - first.mean();
        Double percent = Numbers.percent(first.mean(), last.mean());
        facts.add(new Fact("change", Numbers.signed(change)));
        facts.add(new Fact("change %", Numbers.percentWords(percent)));
        return new ToolResult("Your mean " + what + " went from " + Numbers.format(first.mean()) + " in " + x(first.start(), bucket) + " to "
                + Numbers.format(last.mean()) + " in " + x(last.start(), bucket) + " (" + Numbers.signed(change) + ", " + Numbers.percentWords(percent)
                + "), over " + Numbers.plural(photos, "photo", "photos") + " in " + buckets.size() + " " + bucket + "s " + range.words() + ".",
                facts, List.of(), chart);
    }

    /** Up to a month: days; up to half a year: weeks; else months. */
    static String bucket(DateRange range) {
        if (range.from() == null) return "month";
        long days = ChronoUnit.DAYS.between(range.from(), range.to() == null ? range.from().plusYears(1) : range.to()) + 1;
        return days <= 31 ? "day" : days <= 183 ? "week" : "month";
    }

    /** A month as 2026-03, a day or a week (its Monday) as the ISO date. */
    static String x(LocalDate start, String bucket) {
        return bucket.equals("month") ? start.toString().substring(0, 7) : start.toString();
    }
}
