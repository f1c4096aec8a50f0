package dev.lightbox.coach.service;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.lightbox.coach.domain.CoachRepository;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@code top_photos}: every photo matching the filters (up to 50) ordered by an attribute or the score, best (or
 * highest, lowest, worst) first, with their values.
 */
@Component
class TopPhotosTool extends NamedCoachTool<TopPhotosTool.Input> {

    static final int MAX_FACTS = 10;

    record Input(
            @JsonPropertyDescription("the attribute (sharpness, brightness, contrast, colorfulness, saturation, noise, brisque, thirds, "
                    + "horizonTilt, faceCount, shadowClipping, highlightClipping), score, or rating (the user's stars)") @Nullable String metric,
            @JsonPropertyDescription("best | worst | highest | lowest (best: the better end of the attribute; default best)") @Nullable String order,
            @JsonPropertyDescription("first day, ISO yyyy-MM-dd, included") @Nullable LocalDate from,
            @JsonPropertyDescription("last day, ISO yyyy-MM-dd, included") @Nullable LocalDate to,
            @JsonPropertyDescription("only photos with this label") @Nullable String label,
            @JsonPropertyDescription("only photos whose camera make or model contains these words") @Nullable String camera,
            @JsonPropertyDescription("true: only photos with faces; false: only without") @Nullable Boolean faces,
            @JsonPropertyDescription("dark | normal | bright: only photos of that exposure (brightness under 0.35, 0.35 to 0.65, over 0.65)")
            @Nullable String exposure,
            @JsonPropertyDescription("only photos the user rated at least this many stars, 1 to 5") @Nullable Integer minStars,
            @JsonPropertyDescription("how many photos, 1 to 50 (default 50)") @Nullable Integer limit) {
    }

    private final CoachRepository repository;

    TopPhotosTool(CoachRepository repository) {
        super("top_photos",
                "Lists the user's photos (every match up to 50, best first) by an analysed attribute or the score, in a period and with "
                    + "filters (label, camera, faces, exposure, minimum stars), with each photo's value.",
                Input.class);
        this.repository = repository;
    }

    @Override
    public ToolResult run(UUID userId, Input in) {
        Metric metric = Metric.require(in.metric());
        if (metric.isSkin()) throw new IllegalArgumentException("metric: " + metric.key() + " is a skin metric; use skin_change.");
        int limit = in.limit() == null ? CoachAnswer.MAX_PHOTOS : in.limit();
        if (limit < 1 || limit > CoachAnswer.MAX_PHOTOS) throw new IllegalArgumentException("limit: 1 to " + CoachAnswer.MAX_PHOTOS + ".");
        String order = in.order() == null ? "best" : in.order().strip().toLowerCase(Locale.ROOT);
        CoachRepository.Order by = switch (order) {
            case "highest" -> CoachRepository.Order.HIGHEST;
            case "lowest" -> CoachRepository.Order.LOWEST;
            case "best" -> metric.target() != null ? CoachRepository.Order.CLOSEST
                    : metric.higherIsBetter() ? CoachRepository.Order.HIGHEST : CoachRepository.Order.LOWEST;
            case "worst" -> metric.target() != null ? CoachRepository.Order.FARTHEST
                    : metric.higherIsBetter() ? CoachRepository.Order.LOWEST : CoachRepository.Order.HIGHEST;
            default -> throw new IllegalArgumentException("order: best, worst, highest or lowest.");
        };
        CoachRepository.Filter filter = Filters.of(in.from(), in.to(), in.label(), in.camera(), in.faces(), in.exposure(), in.minStars());
        List<CoachRepository.Valued> found = repository.top(userId, metric.measure(), filter, by, metric.target(), limit);
        String what = metric.label().toLowerCase(Locale.ROOT);
        String orderWords = switch (by) {
            case HIGHEST -> "highest " + what;
            case LOWEST -> "lowest " + what;
            case CLOSEST -> what + " closest to " + Numbers.format(metric.target() == null ? 0 : metric.target());
            case FARTHEST -> what + " farthest from " + Numbers.format(metric.target() == null ? 0 : metric.target());
        };
        var facts = new ArrayList<Fact>();
        facts.add(new Fact("photos", String.valueOf(found.size())));
        for (int i = 0; i < Math.min(MAX_FACTS, found.size()); i++) {
            facts.add(new Fact(metric.key() + " #" + (i + 1), Numbers.format(found.get(i).value())));
        }
        String where = Filters.words(filter) + " " + Filters.range(filter).words();
        String summary;
        if (found.isEmpty()) {
            summary = "No analysed photo" + where + " has a " + what + " value yet.";
        } else {
            // the first photo leads (a question about "the sharpest photo" is answered by it); every other match follows
            CoachRepository.Valued v = found.getFirst();
            summary = "The photo with the " + orderWords + where + " has " + what + " " + Numbers.format(v.value()) + " (taken on "
                    + Numbers.day(v.takenAt()) + ")";
            summary += found.size() == 1 ? "." : "; " + (found.size() - 1) + " more follow, " + orderWords + " first, the last with "
                    + Numbers.format(found.getLast().value()) + ".";
        }
        return new ToolResult(summary, facts, found.stream().map(CoachRepository.Valued::photoId).toList(), null);
    }
}
