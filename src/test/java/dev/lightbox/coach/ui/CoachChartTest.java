package dev.lightbox.coach.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.coach.service.Chart;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The coach's line chart names its x values and scales to the values' own range. */
class CoachChartTest {

    @Test
    void aSmallChangeOverMonthsShowsWithItsMonths() {
        var chart = new Chart(Chart.Kind.LINE, "Brightness by month", "", List.of(new Chart.Series("brightness", List.of(
                new Chart.Point("2026-01", 0.42), new Chart.Point("2026-02", 0.44), new Chart.Point("2026-03", 0.47)))));
        String svg = CoachView.chart("c", chart).getElement().getProperty("innerHTML");
        assertThat(svg).contains(">2026-01</text>", ">2026-02</text>", ">2026-03</text>");
        assertThat(svg).as("y axis fitted to 0.42..0.47, not 0..1").doesNotContain(">0.00</text>").doesNotContain(">1.00</text>");
    }
}
