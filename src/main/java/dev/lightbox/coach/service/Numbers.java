package dev.lightbox.coach.service;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Numbers and dates in answers: three decimals below 100, one above; signed changes; "3 March 2026". */
final class Numbers {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private Numbers() {
    }

    static String format(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return String.valueOf((long) v);
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.3f", v);
    }

    static String signed(double v) {
        return (v >= 0 ? "+" : "−") + format(Math.abs(v));
    }

    static @Nullable Double percent(double from, double to) {
        return from == 0 ? null : (to - from) / Math.abs(from) * 100;
    }

    static String percentWords(@Nullable Double percent) {
        return percent == null ? "n/a" : (percent >= 0 ? "+" : "−") + String.format(Locale.ROOT, "%.1f%%", Math.abs(percent));
    }

    static String day(LocalDate date) {
        return DAY.format(date);
    }

    static String day(LocalDateTime time) {
        return DAY.format(time);
    }

    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    static String or(@Nullable String text, String otherwise) {
        return text == null || text.isBlank() ? otherwise : text;
    }
}
