package dev.lightbox.coach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.coach.service.DatePhrases;
import dev.lightbox.coach.service.DateRange;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Dates in plain words against a fixed clock. */
class DatePhrasesTest {

    /** Wednesday 2 December 2026, 23:30 in UTC+1 (22:30 UTC): "today" is the clock zone's day. */
    private final DatePhrases december = at("2026-12-02T22:30:00Z", ZoneId.of("+01:00"));
    /** Thursday 15 January 2026. */
    private final DatePhrases january = at("2026-01-15T10:00:00Z", ZoneOffset.UTC);

    private static DatePhrases at(String instant, ZoneId zone) {
        return new DatePhrases(Clock.fixed(java.time.Instant.parse(instant), zone));
    }

    private static DateRange range(DatePhrases phrases, String text) {
        return phrases.find(text).orElseThrow(() -> new AssertionError("no date in " + text)).range();
    }

    private static DateRange days(String from, String to) {
        return new DateRange(LocalDate.parse(from), LocalDate.parse(to));
    }

    @Test
    void todayAndYesterdayAreDaysOfTheClocksZone() {
        assertThat(range(december, "photos today?")).isEqualTo(days("2026-12-02", "2026-12-02"));
        assertThat(range(december, "Yesterday")).isEqualTo(days("2026-12-01", "2026-12-01"));
        assertThat(range(at("2026-12-02T23:30:00Z", ZoneId.of("+01:00")), "today")).isEqualTo(days("2026-12-03", "2026-12-03"));
        assertThat(range(january, "yesterday")).isEqualTo(days("2026-01-14", "2026-01-14"));
        assertThat(range(at("2026-01-01T08:00:00Z", ZoneOffset.UTC), "yesterday")).isEqualTo(days("2025-12-31", "2025-12-31"));
    }

    @Test
    void thisAndLastWeekMonthYear() {
        assertThat(range(december, "this week")).isEqualTo(days("2026-11-30", "2026-12-06"));
        assertThat(range(december, "last week")).isEqualTo(days("2026-11-23", "2026-11-29"));
        assertThat(range(december, "this month")).isEqualTo(days("2026-12-01", "2026-12-31"));
        assertThat(range(december, "last month")).isEqualTo(days("2026-11-01", "2026-11-30"));
        assertThat(range(december, "this year")).isEqualTo(days("2026-01-01", "2026-12-31"));
        assertThat(range(december, "last year")).isEqualTo(days("2025-01-01", "2025-12-31"));
        assertThat(range(january, "last month")).as("across the year boundary").isEqualTo(days("2025-12-01", "2025-12-31"));
        assertThat(range(at("2026-01-01T12:00:00Z", ZoneOffset.UTC), "last week")).isEqualTo(days("2025-12-22", "2025-12-28"));
        assertThat(range(at("2026-03-31T12:00:00Z", ZoneOffset.UTC), "last month")).isEqualTo(days("2026-02-01", "2026-02-28"));
    }

    @Test
    void lastSeasonIsTheLatestThatHasEnded() {
        assertThat(range(january, "last summer")).as("in January").isEqualTo(days("2025-06-01", "2025-08-31"));
        assertThat(range(january, "last winter")).as("this winter has not ended").isEqualTo(days("2024-12-01", "2025-02-28"));
        assertThat(range(january, "last spring")).isEqualTo(days("2025-03-01", "2025-05-31"));
        assertThat(range(january, "last autumn")).isEqualTo(days("2025-09-01", "2025-11-30"));
        assertThat(range(january, "last fall")).isEqualTo(days("2025-09-01", "2025-11-30"));
        assertThat(range(december, "last summer")).isEqualTo(days("2026-06-01", "2026-08-31"));
        assertThat(range(december, "last autumn")).as("ended yesterday's month").isEqualTo(days("2026-09-01", "2026-11-30"));
        assertThat(range(at("2026-07-10T12:00:00Z", ZoneOffset.UTC), "last summer")).as("while it is summer")
                .isEqualTo(days("2025-06-01", "2025-08-31"));
        assertThat(range(at("2024-03-10T12:00:00Z", ZoneOffset.UTC), "last winter")).as("leap year")
                .isEqualTo(days("2023-12-01", "2024-02-29"));
        assertThat(range(december, "this winter")).isEqualTo(days("2026-12-01", "2027-02-28"));
    }

    @Test
    void monthsWithAndWithoutYear() {
        assertThat(range(december, "in March")).isEqualTo(days("2026-03-01", "2026-03-31"));
        assertThat(range(december, "in december")).as("the current month has begun").isEqualTo(days("2026-12-01", "2026-12-31"));
        assertThat(range(january, "in March")).as("not begun this year: last year's").isEqualTo(days("2025-03-01", "2025-03-31"));
        assertThat(range(january, "in March 2024")).isEqualTo(days("2024-03-01", "2024-03-31"));
        assertThat(range(january, "in feb 2024")).isEqualTo(days("2024-02-01", "2024-02-29"));
        assertThat(range(december, "since March")).isEqualTo(days("2026-03-01", "2026-12-02"));
        assertThat(range(january, "since May")).isEqualTo(days("2025-05-01", "2026-01-15"));
        assertThat(range(january, "since May 2024")).isEqualTo(days("2024-05-01", "2026-01-15"));
        assertThat(range(december, "in 2025")).isEqualTo(days("2025-01-01", "2025-12-31"));
        assertThat(range(december, "since 2025")).isEqualTo(days("2025-01-01", "2026-12-02"));
    }

    @Test
    void betweenDatesSinceADateAndTheLastN() {
        assertThat(range(december, "between 2025-03-01 and 2025-04-15")).isEqualTo(days("2025-03-01", "2025-04-15"));
        assertThat(range(december, "between 1 March 2025 and 15 April 2025")).isEqualTo(days("2025-03-01", "2025-04-15"));
        assertThat(range(december, "between 15th april 2025 and 2025-03-01")).as("either order").isEqualTo(days("2025-03-01", "2025-04-15"));
        assertThat(range(december, "from 2025-12-30 to 2026-01-02")).isEqualTo(days("2025-12-30", "2026-01-02"));
        assertThat(range(december, "since 2026-11-20")).isEqualTo(days("2026-11-20", "2026-12-02"));
        assertThat(range(december, "on 3 March 2026")).isEqualTo(days("2026-03-03", "2026-03-03"));
        assertThat(range(december, "the last 7 days")).isEqualTo(days("2026-11-26", "2026-12-02"));
        assertThat(range(december, "in the past 2 weeks")).isEqualTo(days("2026-11-19", "2026-12-02"));
        assertThat(range(january, "the last 3 months")).isEqualTo(days("2025-10-16", "2026-01-15"));
    }

    @Test
    void noDateOrAnImpossibleOne() {
        assertThat(december.find("how many photos do I have")).isEmpty();
        assertThat(december.find("sharpest photo")).isEmpty();
        assertThatThrownBy(() -> december.find("between 2025-02-30 and 2025-03-02")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> december.find("in 1066")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wordsNameTheExactDays() {
        assertThat(days("2026-03-01", "2026-03-31").words()).isEqualTo("in March 2026 (1–31 March)");
        assertThat(days("2025-01-01", "2025-12-31").words()).isEqualTo("in 2025");
        assertThat(days("2026-03-03", "2026-03-03").words()).isEqualTo("on 3 March 2026");
        assertThat(new DateRange(LocalDate.parse("2026-05-01"), null).words()).isEqualTo("since 1 May 2026");
        assertThat(DateRange.ALL.words()).isEqualTo("in your whole library");
    }
}
