package dev.lightbox.library.ui;

import com.vaadin.flow.router.QueryParameters;
import dev.lightbox.library.service.PhotoFlag;
import dev.lightbox.library.service.PhotoQuery;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the timeline shows, as it lives in the URL so it survives reload and Back and can be shared:
 * {@code sort=score|score-asc}, {@code min=0..100}, {@code passed=true|false}, {@code label=…} or
 * {@code predicted=…}, {@code flag=picked|rejected|none}, {@code q=…} (words in captions, tags and labels), {@code before=2024-05} (the month the list was jumped to) and {@code collapse=true}.
 * Defaults are left out of the URL; a value that does not parse is ignored (a hand-edited link still opens).
 */
record TimelineState(PhotoQuery query, @Nullable YearMonth before, boolean collapse) {

    static final TimelineState DEFAULT = new TimelineState(PhotoQuery.NEWEST, null, false);
    static final int MAX_LABEL = 100;

    static TimelineState from(QueryParameters parameters) {
        Map<String, List<String>> all = parameters.getParameters();
        PhotoQuery.Sort sort = first(all, "sort").flatMap(TimelineState::sort).orElse(PhotoQuery.Sort.NEWEST);
        Double min = first(all, "min").flatMap(TimelineState::score).orElse(null);
        Boolean passed = first(all, "passed").map(v -> v.equals("true") ? Boolean.TRUE : v.equals("false") ? Boolean.FALSE : null).orElse(null);
        String label = first(all, "label").filter(TimelineState::isLabel).orElse(null);
        String predicted = label != null ? null : first(all, "predicted").filter(TimelineState::isLabel).orElse(null);
        YearMonth before = first(all, "before").flatMap(TimelineState::month).orElse(null);
        boolean collapse = first(all, "collapse").map("true"::equals).orElse(false);
        PhotoFlag flag = first(all, "flag").flatMap(TimelineState::flag).orElse(null);
        var query = new PhotoQuery(sort, min, null, passed, label, predicted, flag);
        // a label filter lists newest first and does not combine with score sorting or filters: the label wins
        if (query.labelFiltered() && (query.byScore() || query.scoreFiltered())) query = new PhotoQuery(PhotoQuery.Sort.NEWEST, null, null, null, label, predicted, flag);
        query = query.withSearch(first(all, "q").filter(TimelineState::isSearch).orElse(null));
        return new TimelineState(query, query.isPlainTimeline() ? before : null, collapse);
    }

    QueryParameters toParameters() {
        var parameters = new LinkedHashMap<String, String>();
        if (query.sort() != PhotoQuery.Sort.NEWEST) parameters.put("sort", query.sort().parameter());
        if (query.minScore() != null) parameters.put("min", Long.toString(Math.round(query.minScore())));
        if (query.passed() != null) parameters.put("passed", query.passed().toString());
        if (query.label() != null) parameters.put("label", query.label());
        if (query.predictedLabel() != null) parameters.put("predicted", query.predictedLabel());
        if (query.flag() != null) parameters.put("flag", query.flag().parameter());
        if (query.q() != null) parameters.put("q", query.q());
        if (before != null) parameters.put("before", before.toString());
        if (collapse) parameters.put("collapse", "true");
        return QueryParameters.simple(parameters);
    }

    TimelineState withQuery(PhotoQuery changed) {
        return new TimelineState(changed, changed.isPlainTimeline() ? before : null, collapse);
    }

    TimelineState withBefore(@Nullable YearMonth month) {
        return new TimelineState(query, month, collapse);
    }

    TimelineState withCollapse(boolean on) {
        return new TimelineState(query, before, on);
    }

    private static Optional<String> first(Map<String, List<String>> all, String name) {
        List<String> values = all.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.getFirst());
    }

    private static Optional<PhotoQuery.Sort> sort(String value) {
        try {
            return Optional.of(PhotoQuery.Sort.fromParameter(value));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    private static Optional<PhotoFlag> flag(String value) {
        try {
            return value.isBlank() ? Optional.empty() : Optional.of(PhotoFlag.fromParameter(value));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    private static Optional<Double> score(String value) {
        try {
            int score = Integer.parseInt(value);
            return score >= 0 && score <= 100 ? Optional.of((double) score) : Optional.empty();
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    private static Optional<YearMonth> month(String value) {
        try {
            YearMonth month = YearMonth.parse(value);
            return month.getYear() >= 1826 && month.getYear() <= 9999 ? Optional.of(month) : Optional.empty();
        } catch (DateTimeException malformed) {
            return Optional.empty();
        }
    }

    private static boolean isSearch(String value) {
        return !value.isBlank() && value.strip().length() <= PhotoQuery.MAX_Q && value.chars().noneMatch(Character::isISOControl);
    }

    private static boolean isLabel(String value) {
        return !value.isBlank() && value.length() <= MAX_LABEL;
    }
}
