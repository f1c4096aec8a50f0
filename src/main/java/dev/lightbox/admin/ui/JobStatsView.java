package dev.lightbox.admin.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.lightbox.base.ui.UiTasks;
import dev.lightbox.jobs.JobStats;
import dev.lightbox.jobs.JobStatsService;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.jobs.StepAverage;
import dev.lightbox.jobs.TypeStats;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;

/**
 * Per job type over a chosen window: counts by status, success rate, p50/p95 run time and queue wait, and for
 * multi-step jobs the average time of each step (the timeline table).
 */
@Route("admin/job-stats")
@PageTitle("Job statistics")
@RolesAllowed("ADMIN")
public class JobStatsView extends AdminPage {

    enum Window {
        HOUR("Last hour", Duration.ofHours(1)), DAY("Last 24 hours", Duration.ofDays(1)), WEEK("Last 7 days", Duration.ofDays(7)),
        MONTH("Last 30 days", Duration.ofDays(30));

        final String label;
        final Duration length;

        Window(String label, Duration length) {
            this.label = label;
            this.length = length;
        }
    }

    private final Grid<TypeStats> grid = new Grid<>(TypeStats.class, false);
    private final Div steps = new Div();
    private volatile Window selected = Window.DAY; // read off the lock by the loader
    private final Paragraph empty = new Paragraph("No jobs were created in this window.");

    public JobStatsView(JobStatsService stats, UiTasks tasks, Clock clock) {
        super(tasks, "admin-job-stats-view", "Job statistics", "admin/job-stats");
        var window = new Select<Window>();
        window.setId("stats-window");
        window.setLabel("Window");
        window.setItems(Window.values());
        window.setItemLabelGenerator(w -> w.label);
        window.setValue(Window.DAY);
        window.addValueChangeListener(e -> {
            if (e.getValue() != null) selected = e.getValue();
            refresh();
        });

        grid.setId("job-stats");
        grid.addColumn(TypeStats::title).setHeader("Job type").setFlexGrow(2).setResizable(true);
        grid.addColumn(TypeStats::total).setHeader("Jobs").setAutoWidth(true);
        grid.addColumn(t -> t.counts().getOrDefault(JobStatus.SUCCEEDED, 0L)).setHeader("Succeeded").setAutoWidth(true);
        grid.addColumn(t -> t.counts().getOrDefault(JobStatus.FAILED, 0L)).setHeader("Failed").setAutoWidth(true);
        grid.addColumn(t -> t.counts().getOrDefault(JobStatus.QUEUED, 0L) + t.counts().getOrDefault(JobStatus.RUNNING, 0L))
                .setHeader("Open").setAutoWidth(true);
        grid.addColumn(t -> Formats.percent(t.successRate())).setHeader("Success").setAutoWidth(true);
        grid.addColumn(t -> Formats.millis(t.runMs().p50()) + " / " + Formats.millis(t.runMs().p95())).setHeader("Run p50 / p95").setAutoWidth(true);
        grid.addColumn(t -> Formats.millis(t.waitMs().p50()) + " / " + Formats.millis(t.waitMs().p95())).setHeader("Wait p50 / p95").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        steps.setId("job-step-averages");
        empty.setVisible(false);
        add(window, grid, empty, steps);
        loadOnOpen(() -> { // percentiles over up to 30 days: on open and on a window change, not polled
            var now = clock.instant();
            return stats.stats(now.minus(selected.length), now);
        }, this::show);
    }

    private void show(JobStats stats) {
        grid.setItems(stats.types());
        empty.setVisible(stats.types().isEmpty());
        steps.removeAll();
        for (TypeStats type : stats.types()) {
            if (type.steps().isEmpty()) continue;
            var table = new Grid<StepAverage>(StepAverage.class, false);
            table.setId("steps-" + type.type().replace('.', '-'));
            table.addColumn(StepAverage::step).setHeader(type.title() + ": step").setFlexGrow(2);
            table.addColumn(StepAverage::count).setHeader("Runs").setAutoWidth(true);
            table.addColumn(s -> Formats.millis(s.avgMs())).setHeader("Average").setAutoWidth(true);
            table.setItems(type.steps());
            table.setAllRowsVisible(true);
            var caption = new Span(type.title() + ": average time per step");
            caption.addClassName("stat-label");
            steps.add(caption, table);
        }
    }

}
