package dev.lightbox.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** LIGHTBOX_RETENTION_*: defaults, 0 keeps results forever, values that cannot work are refused with one sentence. */
class RetentionPropertiesTest {

    @Test
    void defaultsAreThirtyDaysOfResultsAndFourteenOfJobs() {
        var settings = new RetentionProperties(null, null);
        assertThat(settings.results()).isEqualTo(Duration.ofDays(30));
        assertThat(settings.jobs()).isEqualTo(Duration.ofDays(14));
        assertThat(settings.resultsExpire()).isTrue();
    }

    @Test
    void zeroKeepsResultsForever() {
        assertThat(new RetentionProperties(Duration.ZERO, null).resultsExpire()).isFalse();
    }

    @Test
    void negativeOrZeroValuesThatCannotWorkAreRefused() {
        assertThatThrownBy(() -> new RetentionProperties(Duration.ofDays(-1), null))
                .hasMessage("lightbox.retention.results must be a duration such as 30d or 12h, or 0 to keep results forever");
        assertThatThrownBy(() -> new RetentionProperties(null, Duration.ZERO))
                .hasMessage("lightbox.retention.jobs must be a positive duration such as 14d");
    }

    @Test
    void jobsKeptUnderADayAreRefusedSoTheDailySweepStaysDaily() {
        assertThatThrownBy(() -> new RetentionProperties(null, Duration.ofHours(23)))
                .hasMessage("lightbox.retention.jobs must be at least 1d (the daily sweep's own job must outlive its day)");
        assertThat(new RetentionProperties(null, Duration.ofDays(1)).jobs()).isEqualTo(Duration.ofDays(1));
    }
}
