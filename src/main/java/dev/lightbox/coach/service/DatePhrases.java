package dev.lightbox.coach.service;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Dates in plain words, against the injected clock in its zone (the server's): today, yesterday, this/last
 * week/month/year, last spring/summer/autumn (fall)/winter, in March [2025], since March [2025] or a date, in 2025,
 * between two dates (ISO or "1 March 2025"), the last/past N days/weeks/months. Weeks start on Monday; seasons are the
 * meteorological ones of the northern hemisphere (winter is December to February), and "last summer" is the latest one
 * that has ended. A month without a year is the latest one that has begun.
 */
@Component
public class DatePhrases {

    /** What was found and the words it was found as (removed from the question by the parser). */
    public record Found(DateRange range, String phrase) {
    }

    private static final String MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
            + "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
    private static final String DATE = "(\\d{4}-\\d{2}-\\d{2}|\\d{1,2}(?:st|nd|rd|th)? (?:" + MONTHS + ") \\d{4})";
    private static final Pattern BETWEEN = Pattern.compile("\\b(?:between|from) " + DATE + " (?:and|to|until) " + DATE + "\\b");
    private static final Pattern SINCE_DATE = Pattern.compile("\\b(?:since|after) " + DATE + "\\b");
    private static final Pattern ON_DATE = Pattern.compile("\\bon " + DATE + "\\b");
    private static final Pattern LAST_N = Pattern.compile("\\b(?:in )?(?:the )?(?:last|past) (\\d{1,4}) (day|week|month|year)s?\\b");
    private static final Pattern RELATIVE = Pattern.compile("\\b(this|last|previous) (week|month|year|spring|summer|autumn|fall|winter)\\b");
    private static final Pattern SINCE_MONTH = Pattern.compile("\\bsince (" + MONTHS + ")(?: (\\d{4}))?\\b");
    private static final Pattern IN_MONTH = Pattern.compile("\\b(?:in|during) (" + MONTHS + ")(?: (\\d{4}))?\\b");
    private static final Pattern SINCE_YEAR = Pattern.compile("\\bsince (\\d{4})\\b");
    private static final Pattern IN_YEAR = Pattern.compile("\\b(?:in|during) (\\d{4})\\b");
    private static final Pattern TODAY = Pattern.compile("\\b(today|yesterday)\\b");

    private final Clock clock;

    public DatePhrases(Clock clock) {
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The first date phrase in {@code text} (any case), if any. Throws IllegalArgumentException for an impossible date. */
    public Optional<Found> find(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        LocalDate today = today();
        Matcher m;
        if ((m = BETWEEN.matcher(s)).find()) {
            LocalDate a = date(m.group(1));
            LocalDate b = date(m.group(2));
            return found(a.isAfter(b) ? new DateRange(b, a) : new DateRange(a, b), m);
        }
        if ((m = SINCE_DATE.matcher(s)).find()) return found(new DateRange(date(m.group(1)), today), m);
        if ((m = ON_DATE.matcher(s)).find()) {
            LocalDate day = date(m.group(1));
            return found(new DateRange(day, day), m);
        }
        if ((m = LAST_N.matcher(s)).find()) {
            int n = Integer.parseInt(m.group(1));
            if (n < 1) throw new IllegalArgumentException("“" + m.group() + "”: the number must be at least 1.");
            LocalDate from = switch (m.group(2)) {
                case "day" -> today.minusDays(n - 1L);
                case "week" -> today.minusWeeks(n).plusDays(1);
                case "month" -> today.minusMonths(n).plusDays(1);
                default -> today.minusYears(n).plusDays(1);
            };
            return found(new DateRange(from, today), m);
        }
        if ((m = RELATIVE.matcher(s)).find()) return found(relative(m.group(1).equals("this"), m.group(2), today), m);
        if ((m = SINCE_MONTH.matcher(s)).find()) {
            return found(new DateRange(month(m.group(1), m.group(2), today).atDay(1), today), m);
        }
        if ((m = IN_MONTH.matcher(s)).find()) {
            YearMonth month = month(m.group(1), m.group(2), today);
            return found(new DateRange(month.atDay(1), month.atEndOfMonth()), m);
        }
        if ((m = SINCE_YEAR.matcher(s)).find()) return found(new DateRange(LocalDate.of(year(m.group(1)), 1, 1), today), m);
        if ((m = IN_YEAR.matcher(s)).find()) {
            Year year = Year.of(year(m.group(1)));
            return found(new DateRange(year.atDay(1), year.atDay(year.length())), m);
        }
        if ((m = TODAY.matcher(s)).find()) {
            LocalDate day = m.group(1).equals("today") ? today : today.minusDays(1);
            return found(new DateRange(day, day), m);
        }
        return Optional.empty();
    }

    private static Optional<Found> found(DateRange range, Matcher m) {
        return Optional.of(new Found(range, m.group()));
    }

    private static DateRange relative(boolean current, String unit, LocalDate today) {
        return switch (unit) {
            case "week" -> {
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield current ? new DateRange(monday, monday.plusDays(6)) : new DateRange(monday.minusWeeks(1), monday.minusDays(1));
            }
            case "month" -> {
                YearMonth month = current ? YearMonth.from(today) : YearMonth.from(today).minusMonths(1);
                yield new DateRange(month.atDay(1), month.atEndOfMonth());
            }
            case "year" -> {
                int year = current ? today.getYear() : today.getYear() - 1;
                yield new DateRange(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
            }
            default -> season(unit.equals("fall") ? "autumn" : unit, current, today);
        };
    }

    /** Spring March–May, summer June–August, autumn September–November, winter December–February (of the next year). */
    private static DateRange season(String name, boolean current, LocalDate today) {
        int startMonth = switch (name) {
            case "spring" -> 3;
            case "summer" -> 6;
            case "autumn" -> 9;
            default -> 12;
        };
        // the latest season of that name that has begun
        LocalDate start = LocalDate.of(today.getYear(), startMonth, 1);
        if (start.isAfter(today)) start = start.minusYears(1);
        LocalDate end = YearMonth.from(start.plusMonths(2)).atEndOfMonth();
        if (!current && !end.isBefore(today)) {
            // "last summer" while it is summer: the one before
            start = start.minusYears(1);
            end = YearMonth.from(start.plusMonths(2)).atEndOfMonth();
        }
        return new DateRange(start, end);
    }

    private static YearMonth month(String name, @Nullable String year, LocalDate today) {
        Month month = monthOf(name);
        if (year != null) return YearMonth.of(year(year), month);
        YearMonth candidate = YearMonth.of(today.getYear(), month);
        return candidate.isAfter(YearMonth.from(today)) ? candidate.minusYears(1) : candidate;
    }

    private static Month monthOf(String name) {
        return Arrays.stream(Month.values()).filter(m -> m.name().toLowerCase(Locale.ROOT).startsWith(name.substring(0, 3))).findFirst()
                .orElseThrow();
    }

    private static int year(String text) {
        int year = Integer.parseInt(text);
        if (year < 1900 || year > 2999) throw new IllegalArgumentException("“" + text + "” is not a year I can look at (1900–2999).");
        return year;
    }

    private static LocalDate date(String text) {
        try {
            if (Character.isDigit(text.charAt(0)) && text.length() == 10 && text.charAt(4) == '-') return LocalDate.parse(text);
            String[] parts = text.split(" ");
            int day = Integer.parseInt(parts[0].replaceAll("\\D", ""));
            return LocalDate.of(year(parts[2]), monthOf(parts[1]), day);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("“" + text + "” is not a date.", e);
        }
    }
}
