package dev.lightbox.transform.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import dev.lightbox.transform.pipeline.Step;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The pipeline's steps in order, each with its state (waiting, running, done, skipped, failed, cancelled),
 * its message and how long it took: the seed's live timeline.
 */
class StepList extends Div {

    /** One reported step, as the transform's {@code steps} list holds it. */
    record Row(String name, String status, long ms, @Nullable String message) {}

    StepList() {
        addClassName("step-list");
        setId("transform-steps");
    }

    void show(List<Row> reported, @Nullable String runningStep) {
        removeAll();
        Map<String, Row> byName = reported.stream().collect(Collectors.toMap(Row::name, Function.identity(), (a, b) -> b));
        for (Step step : Step.values()) {
            Row row = byName.get(step.id());
            String status = row != null ? row.status() : step.id().equals(runningStep) ? "running" : "waiting";
            add(line(step, status, row));
        }
        long total = reported.stream().mapToLong(Row::ms).sum();
        var sum = new Div(new Span("Total"), new Span(seconds(total)));
        sum.addClassName("step-total");
        sum.setId("transform-steps-total");
        add(sum);
    }

    private static Div line(Step step, String status, @Nullable Row row) {
        var icon = icon(status);
        icon.addClassName("step-icon");
        var name = new Span(title(step));
        name.addClassName("step-name");
        String text = row != null && row.message() != null ? row.message() : "running".equals(status) ? step.startMessage() : "";
        var message = new Span(text);
        message.addClassNames("step-message", "muted");
        var time = new Span(row != null && !"running".equals(status) ? seconds(row.ms()) : "");
        time.addClassName("step-time");
        var line = new Div(icon, name, time, message);
        line.addClassNames("step-row", "step-" + status);
        line.getElement().setAttribute("data-step", step.id());
        line.getElement().setAttribute("data-status", status);
        return line;
    }

    private static Icon icon(String status) {
        return switch (status) {
            case "done" -> VaadinIcon.CHECK_CIRCLE.create();
            case "running" -> VaadinIcon.SPINNER.create();
            case "skipped" -> VaadinIcon.MINUS_CIRCLE_O.create();
            case "failed" -> VaadinIcon.CLOSE_CIRCLE.create();
            case "cancelled" -> VaadinIcon.BAN.create();
            default -> VaadinIcon.CIRCLE_THIN.create();
        };
    }

    static String title(Step step) {
        String id = step.id();
        return id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1);
    }

    static String seconds(long ms) {
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
