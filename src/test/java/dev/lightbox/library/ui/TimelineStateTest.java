package dev.lightbox.library.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.router.QueryParameters;
import dev.lightbox.library.service.PhotoFlag;
import dev.lightbox.library.service.PhotoQuery;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** The timeline's URL: what it reads, what it writes, and that a hand-edited link never breaks the page. */
class TimelineStateTest {

    @Test
    void readsWhatItWrites() {
        var state = new TimelineState(new PhotoQuery(PhotoQuery.Sort.WORST, 40.0, null, false, null, null, PhotoFlag.REJECTED), null, true);
        assertThat(TimelineState.from(QueryParameters.fromString(state.toParameters().getQueryString()))).isEqualTo(state);
        assertThat(TimelineState.DEFAULT.toParameters().getQueryString()).isEmpty();
        var jumped = TimelineState.DEFAULT.withBefore(YearMonth.of(2024, 5));
        assertThat(jumped.toParameters().getQueryString()).isEqualTo("before=2024-05");
        assertThat(TimelineState.from(jumped.toParameters())).isEqualTo(jumped);
    }

    @Test
    void ignoresValuesThatDoNotParse() {
        var state = TimelineState.from(QueryParameters.fromString(
                "sort=%3Cscript%3E&min=101&passed=maybe&flag=burn&before=12345-99&collapse=yes&label=" + "x".repeat(101)));
        assertThat(state).isEqualTo(TimelineState.DEFAULT);
        assertThat(TimelineState.from(QueryParameters.fromString("min=-1&before=1700-01")).query().minScore()).isNull();
    }

    @Test
    void aLabelWinsOverScoreSortingAndKeepsTheFlag() {
        var state = TimelineState.from(QueryParameters.fromString("sort=score&min=50&label=cat&flag=picked&before=2024-01"));
        assertThat(state.query()).isEqualTo(new PhotoQuery(PhotoQuery.Sort.NEWEST, null, null, null, "cat", null, PhotoFlag.PICKED));
        assertThat(state.before()).isNull(); // a jump applies to the plain timeline only
    }

    @Test
    void aSearchLivesInTheUrlAndCombinesWithTheOtherFilters() {
        var state = TimelineState.from(QueryParameters.fromString("q=glacier%20lake&flag=picked&before=2024-01"));
        assertThat(state.query().q()).isEqualTo("glacier lake");
        assertThat(state.query().flag()).isEqualTo(PhotoFlag.PICKED);
        assertThat(state.before()).isNull(); // a search is not the plain timeline: no month to jump to
        assertThat(TimelineState.from(QueryParameters.fromString(state.toParameters().getQueryString()))).isEqualTo(state);
        assertThat(TimelineState.from(QueryParameters.fromString("q=" + "x".repeat(101))).query().q()).isNull();
        assertThat(TimelineState.from(QueryParameters.fromString("q=%20%20")).query().q()).isNull();
    }
}
