package dev.lightbox.coach.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.base.ui.LineChart;
import dev.lightbox.base.ui.UiTasks;
import dev.lightbox.coach.service.Chart;
import dev.lightbox.coach.service.CoachAnswer;
import dev.lightbox.coach.service.CoachService;
import dev.lightbox.coach.service.Fact;
import jakarta.annotation.security.PermitAll;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coach: a conversation about the user's own photos. Suggested questions (ones that have answers for this library)
 * as buttons; each answer streams in (token by token when a language model answers), then shows its facts, a small
 * chart, the photos it lists (each opens the photo page) and which functions produced it. The asking runs off the
 * session lock; while it runs a progress bar and a Cancel button show.
 */
@Route("coach")
@PageTitle("Coach")
@Menu(order = 36, icon = "vaadin:comments-o", title = "Coach")
@PermitAll
public class CoachView extends Main {

    private static final Logger log = LoggerFactory.getLogger(CoachView.class);
    private static final int THUMBNAILS = 12;
    /** Streamed text reaches the browser at most this often (one push per token would be one round trip each). */
    private static final long PUSH_EVERY_NANOS = 100_000_000L;
    static final String BUSY = "The coach is busy, try again in a moment.";

    private final CoachService coach;
    private final UiTasks tasks;
    private final CoachTasks answering;
    private final UUID owner;
    private final TextField question = new TextField();
    private final Button ask = new Button("Ask");
    private final Div suggestions = new Div();
    private final Div conversation = new Div();
    private int answers;
    private boolean busy;
    /** The running answer's cancel flag: leaving the page sets it, so the model's wait ends with the page. */
    private @Nullable AtomicBoolean running;

    public CoachView(CoachService coach, UiTasks tasks, CoachTasks answering) {
        this.coach = coach;
        this.tasks = tasks;
        this.answering = answering;
        this.owner = CurrentUser.require().id();
        setId("coach-view");
        addClassNames("page", "coach-page");

        question.setId("coach-question");
        question.setPlaceholder("How many photos did I take last month?");
        question.setAriaLabel("Your question");
        question.setMaxLength(CoachService.MAX_QUESTION);
        question.setClearButtonVisible(true);
        question.addClassName("coach-question");
        ask.setId("coach-ask");
        ask.addThemeVariants(ButtonVariant.PRIMARY);
        ask.addClickListener(e -> ask(question.getValue()));
        ask.addClickShortcut(Key.ENTER);
        var form = new Div(question, ask);
        form.addClassName("coach-form");
        suggestions.setId("coach-suggestions");
        suggestions.addClassName("coach-suggestions");
        suggestions.add(new Span("Looking for questions your library can answer…"));
        conversation.setId("coach-conversation");
        conversation.addClassName("coach-conversation");

        add(new H2("Coach"),
                new Paragraph("Ask about your photos, scores, labels, ratings, jobs and skin diary in plain words. Every "
                        + "answer is computed from your own data and shows the numbers it rests on."),
                suggestions, conversation, form);
        loadSuggestions();
        addDetachListener(e -> {
            AtomicBoolean answer = running;
            if (answer != null) answer.set(true);
        });
    }

    private void loadSuggestions() {
        UI ui = UI.getCurrent();
        tasks.run(() -> {
            List<String> found;
            try {
                found = coach.suggestions(owner);
            } catch (RuntimeException e) {
                log.warn("Coach suggestions failed", e);
                found = List.of();
            }
            List<String> questions = found;
            UiTasks.push(ui, () -> showSuggestions(questions));
        });
    }

    private void showSuggestions(List<String> questions) {
        suggestions.removeAll();
        if (questions.isEmpty()) {
            suggestions.add(new Span("Upload a few photos and questions about them appear here."));
            return;
        }
        for (String q : questions) {
            var button = new Button(q, e -> ask(q));
            button.addClassName("coach-suggestion");
            button.addThemeVariants(ButtonVariant.SMALL);
            suggestions.add(button);
        }
    }

    private void ask(String raw) {
        String text = raw.strip();
        if (text.isEmpty() || busy) return;
        if (text.length() > CoachService.MAX_QUESTION) text = text.substring(0, CoachService.MAX_QUESTION);
        String asked = text;
        busy = true;
        ask.setEnabled(false);
        question.clear();
        int number = ++answers;

        var you = new Div(new Span(asked));
        you.addClassNames("coach-message", "coach-asked");
        var answerText = new Span();
        answerText.addClassName("coach-answer-text");
        var progress = new ProgressBar();
        progress.setIndeterminate(true);
        progress.addClassName("coach-progress");
        var cancelled = new AtomicBoolean();
        var cancel = new Button("Cancel");
        cancel.addClassName("coach-cancel");
        cancel.addThemeVariants(ButtonVariant.SMALL, ButtonVariant.TERTIARY);
        var working = new Div(new Span("Working on it…"), progress, cancel);
        working.addClassName("coach-working");
        var reply = new Div(answerText, working);
        reply.setId("coach-answer-" + number);
        reply.addClassNames("coach-message", "coach-answer");
        reply.getElement().setAttribute("aria-live", "polite");
        cancel.addClickListener(e -> {
            cancelled.set(true);
            cancel.setEnabled(false);
            cancel.setText("Cancelling…");
        });
        conversation.add(you, reply);
        reply.scrollIntoView();

        UI ui = UI.getCurrent();
        running = cancelled;
        boolean started = answering.tryRun(() -> {
            try {
                CoachAnswer answer = coach.ask(owner, asked, streamTo(ui, answerText), cancelled::get);
                UiTasks.push(ui, () -> finish(reply, answerText, working, answer));
            } catch (RuntimeException e) {
                log.warn("Coach question failed: {}", e.getClass().getSimpleName());
                UiTasks.push(ui, () -> failed(reply, answerText, working, "Sorry, that question could not be answered right now. Please try again."));
            }
        });
        if (!started) failed(reply, answerText, working, BUSY);
    }

    /**
     * The answer's text as it streams: collected here (on the answering thread) and pushed whole at most every 100 ms;
     * {@link #finish} then sets the final text, which also replaces a model's partial text with the rules' fallback.
     */
    private static Consumer<String> streamTo(UI ui, Span answerText) {
        var text = new StringBuilder();
        long[] pushedAt = {System.nanoTime() - PUSH_EVERY_NANOS};
        return piece -> {
            text.append(piece);
            long now = System.nanoTime();
            if (now - pushedAt[0] < PUSH_EVERY_NANOS) return;
            pushedAt[0] = now;
            String soFar = text.toString();
            UiTasks.push(ui, () -> answerText.setText(soFar));
        };
    }

    private void failed(Div reply, Span answerText, Div working, String message) {
        answerText.setText(message);
        reply.addClassName("coach-failed");
        working.removeFromParent();
        done();
    }

    private void done() {
        running = null;
        busy = false;
        ask.setEnabled(true);
    }

    private void finish(Div reply, Span answerText, Div working, CoachAnswer answer) {
        if (answer == CoachService.CANCELLED) {
            failed(reply, answerText, working, answer.answer());
            return;
        }
        working.removeFromParent();
        answerText.setText(answer.answer());
        reply.getElement().setAttribute("data-source", answer.source().json());
        if (!answer.facts().isEmpty()) reply.add(facts(answer.facts()));
        Chart chart = answer.chart();
        if (chart != null && !chart.series().isEmpty()) reply.add(chart(reply.getId().orElse("coach") + "-chart", chart));
        if (!answer.photos().isEmpty()) reply.add(thumbnails(answer.photos()));
        var by = new Span("answered by: " + (answer.functions().isEmpty() ? answer.intent() : String.join(", ", answer.functions()))
                + " (" + answer.source().json() + ")");
        by.addClassName("coach-by");
        reply.add(by);
        done();
    }

    private static Div facts(List<Fact> facts) {
        var list = new Div();
        list.addClassName("coach-facts");
        for (Fact fact : facts) {
            var name = new Span(fact.name());
            name.addClassName("coach-fact-name");
            var value = new Span(fact.value());
            value.addClassName("coach-fact-value");
            var row = new Div(name, value);
            row.addClassName("coach-fact");
            list.add(row);
        }
        return list;
    }

    private static Div thumbnails(List<UUID> photos) {
        var strip = new Div();
        strip.addClassName("coach-photos");
        for (UUID id : photos.subList(0, Math.min(THUMBNAILS, photos.size()))) {
            var image = new Image("media/photos/" + id + "/thumbnail", "a photo of the answer");
            image.getElement().setAttribute("loading", "lazy");
            var tile = new Div(image);
            tile.addClassName("coach-photo");
            tile.getElement().setAttribute("data-photo-id", id.toString());
            tile.getElement().setAttribute("role", "link");
            tile.getElement().setAttribute("tabindex", "0");
            tile.addClickListener(e -> tile.getUI().ifPresent(ui -> ui.navigate("photos/" + id)));
            strip.add(tile);
        }
        if (photos.size() > THUMBNAILS) {
            var more = new Span("+" + (photos.size() - THUMBNAILS) + " more");
            more.addClassName("coach-photos-more");
            strip.add(more);
        }
        return strip;
    }

    /** A line over time through the shared SVG line chart, or bars per group as plain elements. */
    static Div chart(String id, Chart chart) {
        String unit = chart.unit().isBlank() ? "" : " (" + chart.unit() + ")";
        if (chart.kind() == Chart.Kind.LINE) {
            String[] classes = {"line-accuracy", "line-validation", "line-loss"};
            var series = new java.util.ArrayList<LineChart.Series>();
            for (int i = 0; i < chart.series().size(); i++) {
                Chart.Series s = chart.series().get(i);
                series.add(new LineChart.Series(escape(s.name()), classes[i % classes.length], s.points().stream().map(Chart.Point::y).toList()));
            }
            List<String> xs = chart.series().stream().max(Comparator.comparingInt(s -> s.points().size()))
                    .map(s -> s.points().stream().map(p -> escape(p.x())).toList()).orElse(List.of());
            Div line = LineChart.fitted(id, escape(chart.title() + unit), series, decimals(chart), xs);
            line.addClassName("coach-chart");
            return line;
        }
        var bars = new Div();
        bars.setId(id);
        bars.addClassNames("coach-chart", "coach-bars");
        bars.getElement().setAttribute("role", "img");
        bars.getElement().setAttribute("aria-label", chart.title() + unit);
        var title = new Span(chart.title() + unit);
        title.addClassName("coach-chart-title");
        bars.add(title);
        double max = chart.series().stream().flatMap(s -> s.points().stream()).mapToDouble(p -> Math.abs(p.y())).max().orElse(1);
        for (Chart.Series s : chart.series()) {
            for (Chart.Point p : s.points()) {
                var label = new Span(chart.series().size() > 1 ? s.name() + " · " + p.x() : p.x());
                label.addClassName("coach-bar-label");
                var fill = new Div();
                fill.addClassName("coach-bar-fill");
                fill.getStyle().set("width", String.format(Locale.ROOT, "%.1f%%", max <= 0 ? 0 : 100 * Math.abs(p.y()) / max));
                var track = new Div(fill);
                track.addClassName("coach-bar-track");
                var value = new Span(number(p.y(), decimals(chart)));
                value.addClassName("coach-bar-value");
                var row = new Div(label, track, value);
                row.addClassName("coach-bar");
                bars.add(row);
            }
        }
        return bars;
    }

    private static int decimals(Chart chart) {
        boolean whole = chart.series().stream().flatMap(s -> s.points().stream()).allMatch(p -> p.y() == Math.rint(p.y()));
        return whole ? 0 : 2;
    }

    private static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** The chart's SVG is parsed as HTML: names (labels, cameras) are the user's own text. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
