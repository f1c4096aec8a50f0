package dev.lightbox.library.service;

import org.jspecify.annotations.Nullable;

/**
 * How to list a library: newest first (the timeline) or by score, optionally only photos with a score in
 * a range or that passed (or failed) the active config's thresholds, or only photos with a label (given
 * by the user, or predicted by the user's active model), or only photos with a cull flag, or only photos whose
 * searchable text ({@code q}: the vision caption and tags, the user's labels) contains some words (any of these
 * combined). Photos not scored yet are left out of score orders and score filters.
 */
public record PhotoQuery(Sort sort, @Nullable Double minScore, @Nullable Double maxScore, @Nullable Boolean passed, @Nullable String label,
                         @Nullable String predictedLabel, @Nullable PhotoFlag flag, @Nullable String q) {

    public static final int MAX_Q = 100;
    public static final PhotoQuery NEWEST = new PhotoQuery(Sort.NEWEST, null, null, null, null, null, null, null);

    public PhotoQuery(Sort sort, @Nullable Double minScore, @Nullable Double maxScore, @Nullable Boolean passed, @Nullable String label,
                      @Nullable String predictedLabel, @Nullable PhotoFlag flag) {
        this(sort, minScore, maxScore, passed, label, predictedLabel, flag, null);
    }

    public PhotoQuery(Sort sort, @Nullable Double minScore, @Nullable Double maxScore, @Nullable Boolean passed, @Nullable String label,
                      @Nullable String predictedLabel) {
        this(sort, minScore, maxScore, passed, label, predictedLabel, null, null);
    }

    public PhotoQuery(Sort sort, @Nullable Double minScore, @Nullable Double maxScore, @Nullable Boolean passed) {
        this(sort, minScore, maxScore, passed, null, null, null, null);
    }

    public enum Sort {
        NEWEST("date"), BEST("score"), WORST("score-asc");

        private final String parameter;

        Sort(String parameter) {
            this.parameter = parameter;
        }

        /** The value of the API's {@code sort} parameter. */
        public String parameter() {
            return parameter;
        }

        public static Sort fromParameter(String value) {
            for (Sort sort : values()) if (sort.parameter.equals(value)) return sort;
            throw new IllegalArgumentException("sort: use date, score (best first) or score-asc (lowest first).");
        }
    }

    public PhotoQuery {
        if (minScore != null && (minScore < 0 || minScore > 100)) throw new IllegalArgumentException("minScore: must be between 0 and 100.");
        if (maxScore != null && (maxScore < 0 || maxScore > 100)) throw new IllegalArgumentException("maxScore: must be between 0 and 100.");
        if (minScore != null && maxScore != null && minScore > maxScore) throw new IllegalArgumentException("minScore: must not exceed maxScore.");
        if (q != null) q = q.strip().isEmpty() ? null : q.strip();
        if (q != null && q.length() > MAX_Q) throw new IllegalArgumentException("q: at most " + MAX_Q + " characters.");
        if (q != null && q.chars().anyMatch(Character::isISOControl)) throw new IllegalArgumentException("q: control characters are not searchable.");
    }

    /** The same query searching for {@code text} (none when null or blank). */
    public PhotoQuery withSearch(@Nullable String text) {
        return new PhotoQuery(sort, minScore, maxScore, passed, label, predictedLabel, flag, text);
    }

    public boolean searched() {
        return q != null;
    }

    /** The same query with only photos carrying {@code flag} (any flag when null). */
    public PhotoQuery withFlag(@Nullable PhotoFlag flag) {
        return new PhotoQuery(sort, minScore, maxScore, passed, label, predictedLabel, flag, q);
    }

    /** True when the plain timeline answers this query (no scores, labels, flags or search needed). */
    public boolean isPlainTimeline() {
        return sort == Sort.NEWEST && !scoreFiltered() && !labelFiltered() && flag == null && q == null;
    }

    /** True when the library alone answers this query: newest first, at most a flag filter and a search. */
    public boolean isLibraryOnly() {
        return sort == Sort.NEWEST && !scoreFiltered() && !labelFiltered();
    }

    public boolean labelFiltered() {
        return label != null || predictedLabel != null;
    }

    public boolean scoreFiltered() {
        return minScore != null || maxScore != null || passed != null;
    }

    public boolean byScore() {
        return sort != Sort.NEWEST;
    }
}
