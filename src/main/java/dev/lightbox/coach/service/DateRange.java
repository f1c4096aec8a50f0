package dev.lightbox.coach.service;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Days from {@code from} to {@code to}, both included (either open). {@link #words()} says it for people, with the exact
 * days when the range is a whole month ("in March 2026 (1–31 March)").
 */
public record DateRange(@Nullable LocalDate from, @Nullable LocalDate to) {

    public static final DateRange ALL = new DateRange(null, null);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    public DateRange {
        if (from != null && to != null && to.isBefore(from)) throw new IllegalArgumentException("The end date " + to + " is before the start " + from + ".");
    }

    public static DateRange of(@Nullable LocalDate from, @Nullable LocalDate to) {
        return new DateRange(from, to);
    }

    public boolean isAll() {
        return from == null && to == null;
    }

    /** "in March 2026 (1–31 March)", "in 2025", "on 2 December 2026", "from … to …", "since …", "until …", "in your whole library". */
    public String words() {
        if (from == null && to == null) return "in your whole library";
        if (from == null) return "until " + DAY.format(to);
        if (to == null) return "since " + DAY.format(from);
        if (from.equals(to)) return "on " + DAY.format(from);
        if (from.getDayOfYear() == 1 && to.equals(from.withDayOfYear(from.lengthOfYear()))) return "in " + from.getYear();
        YearMonth month = YearMonth.from(from);
        if (from.getDayOfMonth() == 1 && to.equals(month.atEndOfMonth())) {
            String name = month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            return "in " + name + " " + month.getYear() + " (1–" + to.getDayOfMonth() + " " + name + ")";
        }
        return "from " + DAY.format(from) + " to " + DAY.format(to);
    }
}
