package dev.lightbox.skin.service;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Plain-word sentences about skin metrics, the same on the Skin page and in the bot's replies. */
public final class SkinWording {

    public static final String SINCE_PREVIOUS = "since the previous check-in";
    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private SkinWording() {
    }

    /**
     * "Redness on your left cheek is down 18% since 3 March" / "Evenness is up 4% since the previous check-in";
     * "… is unchanged …" below half a percent; from 0 (no percentage) it says both values.
     */
    public static String change(SkinMetric metric, @Nullable SkinRegion region, double from, double to, String sinceWords) {
        String subject = region == null ? metric.title() : metric.title() + " on your " + region.words();
        if (from == 0) {
            return to == 0 ? subject + " is unchanged " + sinceWords
                    : subject + " went from " + value(metric, from) + " to " + value(metric, to) + " " + sinceWords;
        }
        long percent = Math.round((to - from) / Math.abs(from) * 100);
        if (percent == 0) return subject + " is unchanged " + sinceWords;
        return subject + " is " + (percent > 0 ? "up " : "down ") + Math.abs(percent) + "% " + sinceWords;
    }

    /** "since 3 March" (with the year when it is not {@code today}'s). */
    public static String since(LocalDate date, LocalDate today) {
        return "since " + (date.getYear() == today.getYear() ? DAY_MONTH : DAY_MONTH_YEAR).format(date);
    }

    /** "0.42", "3 spots", "a* 14.2" — a metric's value as people read it. */
    public static String value(SkinMetric metric, double value) {
        return switch (metric) {
            case REDNESS -> String.format(Locale.ROOT, "a* %.1f", value);
            case BLEMISHES -> {
                long spots = Math.round(value);
                yield spots == 1 ? "1 spot" : spots + " spots";
            }
            case EVENNESS, SHINE -> String.format(Locale.ROOT, "%.2f", value);
            case TEXTURE -> String.format(Locale.ROOT, "%.3f", value);
        };
    }
}
