package dev.lightbox.jobs.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.progressbar.ProgressBarVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.jobs.JobEvent;
import dev.lightbox.jobs.JobEvents;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.jobs.JobType;
import dev.lightbox.jobs.JobTypes;
import dev.lightbox.jobs.JobView;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The user's jobs, newest first, with live progress (pushed as it happens), cancel, retry and details.
 * Jobs about the same subject (a photo's preview and analysis) sit under one entry; the list filters by
 * status (asked of the server) and by type. Elapsed times tick in the browser: no server round trip.
 */
@Route("jobs")
@PageTitle("Jobs")
@Menu(order = 20, icon = "vaadin:tasks", title = "Jobs")
@PermitAll
public class JobsView extends Main {

    static final int SHOWN = JobService.MAX_PAGE;
    private static final String ALL_TYPES = "";

    /** What the status filter offers; {@code status} null: every status. */
    enum StatusFilter {
        ALL("All", null), QUEUED("Queued", JobStatus.QUEUED), RUNNING("Running", JobStatus.RUNNING),
        SUCCEEDED("Done", JobStatus.SUCCEEDED), FAILED("Failed", JobStatus.FAILED), CANCELLED("Cancelled", JobStatus.CANCELLED);

        final String label;
        final @Nullable JobStatus status;

        StatusFilter(String label, @Nullable JobStatus status) {
            this.label = label;
            this.status = status;
        }
    }

    private final JobService jobs;
    private final JobTypes types;
    private final UUID owner;
    private final Select<StatusFilter> statusFilter = new Select<>();
    private final Select<String> typeFilter = new Select<>();
    private final Span count = new Span();
    private final Div list = new Div();
    private final Paragraph empty = new Paragraph();
    private final Map<UUID, JobRow> rows = new HashMap<>();
    private final Map<UUID, JobGroup> groups = new HashMap<>();

    public JobsView(JobService jobs, JobEvents events, JobTypes types) {
        this.jobs = jobs;
        this.types = types;
        this.owner = CurrentUser.require().id();
        setId("jobs-view");
        addClassName("page");
        list.setId("job-list");
        list.addClassName("job-list");
        empty.setId("jobs-empty");
        empty.addClassName("muted");
        count.setId("job-count");
        count.addClassName("job-count");
        add(new H2("Jobs"), new Paragraph("Work Lightbox does for you in the background, live."), toolbar(), empty, list);
        reload();
        JobUpdates.follow(this, events, event -> owner.equals(event.ownerId()), this::apply);
    }

    private Div toolbar() {
        statusFilter.setId("job-status-filter");
        statusFilter.setLabel("Status");
        statusFilter.setItems(StatusFilter.values());
        statusFilter.setItemLabelGenerator(f -> f.label);
        statusFilter.setValue(StatusFilter.ALL);
        statusFilter.addValueChangeListener(e -> reload());
        typeFilter.setId("job-type-filter");
        typeFilter.setLabel("Type");
        var typeNames = new ArrayList<String>();
        typeNames.add(ALL_TYPES);
        types.all().stream().map(JobType::name).forEach(typeNames::add);
        typeFilter.setItems(typeNames);
        typeFilter.setItemLabelGenerator(name -> name.isEmpty() ? "All types" : types.title(name));
        typeFilter.setValue(ALL_TYPES);
        typeFilter.addValueChangeListener(e -> applyFilter());
        var toolbar = new Div(statusFilter, typeFilter, count);
        toolbar.addClassName("job-toolbar");
        return toolbar;
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        // one ticking clock for every elapsed time on the page; the server's clock, not the browser's, is the reference
        list.getElement().executeJs("""
                const list = this;
                const skew = $0 - Date.now();
                const fmt = ms => { const s = Math.floor(ms / 1000);
                  if (ms < 10000) return (Math.floor(ms / 100) / 10).toFixed(1) + ' s';
                  if (s < 60) return s + ' s';
                  if (s < 3600) return Math.floor(s / 60) + ' min ' + String(s % 60).padStart(2, '0') + ' s';
                  return Math.floor(s / 3600) + ' h ' + String(Math.floor(s / 60) % 60).padStart(2, '0') + ' min'; };
                clearInterval(list.__tick);
                list.__tick = setInterval(() => {
                  if (!list.isConnected) { clearInterval(list.__tick); return; }
                  const now = Date.now() + skew;
                  for (const el of list.querySelectorAll('.job-elapsed[data-since]')) {
                    el.textContent = (el.dataset.prefix || '') + fmt(Math.max(0, now - Number(el.dataset.since)));
                  }
                }, 1000);""", Instant.now().toEpochMilli());
        // the list was read before the subscription started (on attach): catch up on jobs that moved in between, in one read
        if (rows.values().stream().anyMatch(JobRow::unfinished)) reload();
    }

    /** Reads the newest jobs of the chosen status again and lays them out. */
    private void reload() {
        rows.clear();
        groups.clear();
        list.removeAll();
        StatusFilter filter = Objects.requireNonNullElse(statusFilter.getValue(), StatusFilter.ALL);
        List<JobView> page = jobs.list(owner, filter.status, null, SHOWN).items();
        // oldest first, each added on top: the newest entry ends up first
        page.reversed().forEach(this::add);
        applyFilter();
    }

    private void add(JobView job) {
        var row = new JobRow(job);
        rows.put(job.id(), row);
        UUID subject = job.subjectId();
        if (subject == null) {
            list.addComponentAsFirst(row);
            return;
        }
        JobGroup group = groups.get(subject);
        if (group == null) {
            group = new JobGroup(subject);
            groups.put(subject, group);
        }
        group.add(row);
        list.addComponentAsFirst(group); // moves it to the top: it has the newest job
    }

    private void apply(JobEvent event) {
        JobRow row = rows.get(event.id());
        if (row != null) {
            row.update(event);
        } else {
            StatusFilter filter = Objects.requireNonNullElse(statusFilter.getValue(), StatusFilter.ALL);
            if (filter.status != null && filter.status != event.status()) return;
            add(JobRow.viewOf(event));
        }
        applyFilter();
    }

    private boolean matches(JobRow row) {
        StatusFilter status = Objects.requireNonNullElse(statusFilter.getValue(), StatusFilter.ALL);
        String type = Objects.requireNonNullElse(typeFilter.getValue(), ALL_TYPES);
        return (status.status == null || status.status == row.state) && (type.isEmpty() || type.equals(row.type));
    }

    private void applyFilter() {
        int shown = 0;
        for (JobRow row : rows.values()) {
            boolean match = matches(row);
            row.setVisible(match);
            if (match) shown++;
        }
        groups.values().forEach(JobGroup::summarise);
        count.setText(shown == rows.size() ? plural(shown, "job") : shown + " of " + plural(rows.size(), "job"));
        empty.setVisible(shown == 0);
        empty.setText(rows.isEmpty() ? "No jobs yet. Uploading photos starts some." : "No job matches these filters.");
    }

    /** The jobs about one subject (a photo, a model): a summary line, and the jobs themselves on demand. */
    private final class JobGroup extends Div {
        private final List<JobRow> members = new ArrayList<>();
        private final Span name = new Span();
        private final Span status = new Span();
        private final Span elapsed = new Span();
        private final ProgressBar bar = new ProgressBar();
        private final Div body = new Div();
        private final Button toggle = new Button();

        JobGroup(UUID subject) {
            addClassName("job-group");
            getElement().setAttribute("data-subject-id", subject.toString());
            name.addClassName("job-name");
            status.addClassName("job-status");
            elapsed.addClassName("job-elapsed");
            toggle.addClassName("job-group-toggle");
            toggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            toggle.addClickListener(e -> {
                body.setVisible(!body.isVisible());
                summarise();
            });
            body.addClassName("job-group-jobs");
            body.setVisible(false);
            var header = new Div(name, status, elapsed, toggle);
            header.addClassName("job-header");
            add(header, bar, body);
        }

        void add(JobRow row) {
            members.add(row);
            body.addComponentAsFirst(row);
        }

        /** Name, overall status, progress and time of the members the filters show; hidden when none. */
        void summarise() {
            List<JobRow> shown = members.stream().filter(Div::isVisible).toList();
            setVisible(!shown.isEmpty());
            if (shown.isEmpty()) return;
            name.setText(String.join(" · ", shown.stream().sorted(Comparator.comparing(r -> r.createdAt)).map(r -> r.title).distinct().toList()));
            JobStatus overall = overall(shown);
            long done = shown.stream().filter(r -> r.state == JobStatus.SUCCEEDED).count();
            status.setText(overall == JobStatus.SUCCEEDED || shown.size() == 1 ? label(overall, shown.getFirst().attempts)
                    : label(overall, 0) + " · " + done + " of " + shown.size() + " done");
            status.getElement().setAttribute("data-status", overall.name());
            bar.setValue(shown.stream().mapToDouble(r -> r.progress).average().orElse(0));
            bar.setIndeterminate(overall == JobStatus.RUNNING && shown.stream().allMatch(r -> r.progress == 0));
            showBarState(bar, overall);
            Instant created = shown.stream().map(r -> r.createdAt).min(Comparator.naturalOrder()).orElseThrow();
            Instant started = shown.stream().map(r -> r.startedAt).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
            Instant finished = overall.finished()
                    ? shown.stream().map(r -> r.finishedAt).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null) : null;
            showElapsed(elapsed, overall, created, started, finished);
            toggle.setText((body.isVisible() ? "Hide " : "Show ") + plural(shown.size(), "job"));
        }

        private static JobStatus overall(List<JobRow> shown) {
            for (JobStatus s : List.of(JobStatus.RUNNING, JobStatus.QUEUED, JobStatus.FAILED, JobStatus.CANCELLED)) {
                if (shown.stream().anyMatch(r -> r.state == s)) return s;
            }
            return JobStatus.SUCCEEDED;
        }
    }

    /** One job: name, status, progress bar, step and message, elapsed time, actions, details on demand. */
    private final class JobRow extends Div {
        private final UUID id;
        private final String type;
        private final String title;
        private final Span status = new Span();
        private final ProgressBar bar = new ProgressBar();
        private final Span step = new Span();
        private final Span elapsed = new Span();
        private final Button cancel;
        private final Button retry;
        private final Div details = new Div();
        private final Instant createdAt;
        private @Nullable Instant startedAt;
        private @Nullable Instant finishedAt;
        private JobStatus state;
        private double progress;
        private int attempts;

        /** A job first heard of by its event: created about now. */
        static JobView viewOf(JobEvent e) {
            Instant now = Instant.now();
            return new JobView(e.id(), e.ownerId(), e.type(), JobQueue.CPU, e.status(), e.progress(), e.step(), e.message(),
                    null, e.status() == JobStatus.QUEUED ? 0 : 1, 1, e.subjectId(), now,
                    e.status() == JobStatus.QUEUED ? null : now, e.status().finished() ? now : null, e.version());
        }

        JobRow(JobView job) {
            this.id = job.id();
            this.type = job.type();
            this.title = types.title(job.type());
            this.createdAt = job.createdAt();
            this.startedAt = job.startedAt();
            this.finishedAt = job.finishedAt();
            this.state = job.status();
            this.attempts = job.attempts();
            addClassName("job-row");
            getElement().setAttribute("data-job-id", id.toString());
            getElement().setAttribute("data-type", type);
            status.addClassName("job-status");
            step.addClassName("job-step");
            elapsed.addClassName("job-elapsed");
            cancel = new Button("Cancel", e -> jobs.cancel(owner, id));
            cancel.addClassName("job-cancel");
            cancel.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            retry = new Button("Retry", e -> jobs.retry(owner, id));
            retry.addClassName("job-retry");
            retry.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            var more = new Button("Details", e -> toggleDetails());
            more.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            details.addClassName("job-details");
            details.setVisible(false);
            var name = new Span(title);
            name.addClassName("job-name");
            var header = new Div(name, status, elapsed, cancel, retry, more);
            header.addClassName("job-header");
            add(header, bar, step, details);
            show(job.status(), job.progress(), job.step(), job.message(), job.error());
        }

        boolean unfinished() {
            return finishedAt == null;
        }

        void update(JobEvent event) {
            if (event.status() == JobStatus.RUNNING && state != JobStatus.RUNNING) {
                attempts++;
                if (startedAt == null) startedAt = Instant.now();
            }
            if (event.status().finished() && finishedAt == null) finishedAt = Instant.now();
            if (event.status() == JobStatus.QUEUED) finishedAt = null;
            String error = event.status() == JobStatus.FAILED ? jobs.find(owner, id).map(JobView::error).orElse(null) : null;
            show(event.status(), event.progress(), event.step(), event.message(), error);
            if (details.isVisible()) fillDetails();
        }

        private void show(JobStatus newState, double fraction, @Nullable String stepName, @Nullable String message, @Nullable String error) {
            state = newState;
            progress = Math.clamp(fraction, 0, 1);
            status.setText(label(newState, attempts));
            status.getElement().setAttribute("data-status", newState.name());
            bar.setValue(progress);
            bar.setIndeterminate(newState == JobStatus.RUNNING && progress == 0);
            showBarState(bar, newState);
            step.setText(newState == JobStatus.FAILED && error != null ? error
                    : stepName == null ? "" : stepName + (message == null ? "" : " — " + message));
            cancel.setVisible(!newState.finished());
            retry.setVisible(newState == JobStatus.FAILED || newState == JobStatus.CANCELLED);
            showElapsed(elapsed, newState, createdAt, startedAt, finishedAt);
        }

        private void toggleDetails() {
            details.setVisible(!details.isVisible());
            if (details.isVisible()) fillDetails();
        }

        private void fillDetails() {
            details.removeAll();
            details.add(new Paragraph("Type " + type));
            jobs.find(owner, id).ifPresent(job -> {
                if (job.error() != null) details.add(new Pre(job.error()));
                jobs.attempts(owner, id).forEach(a -> details.add(new Paragraph("Attempt " + a.attempt() + " on " + a.worker() + ": "
                        + (a.outcome() == null ? "running" : a.outcome()) + (a.error() == null ? "" : " — " + a.error()))));
            });
        }
    }

    private static void showBarState(ProgressBar bar, JobStatus state) {
        bar.removeThemeVariants(ProgressBarVariant.LUMO_ERROR, ProgressBarVariant.LUMO_SUCCESS);
        if (state == JobStatus.FAILED) bar.addThemeVariants(ProgressBarVariant.LUMO_ERROR);
        if (state == JobStatus.SUCCEEDED) bar.addThemeVariants(ProgressBarVariant.LUMO_SUCCESS);
    }

    /**
     * A queued job: how long it has waited; a running one: how long it has run (both ticking in the
     * browser); a finished one: how long it took.
     */
    private static void showElapsed(Span elapsed, JobStatus state, Instant created, @Nullable Instant started, @Nullable Instant finished) {
        var element = elapsed.getElement();
        Instant since = switch (state) {
            case QUEUED -> created;
            case RUNNING -> started != null ? started : created;
            default -> null;
        };
        String prefix = state == JobStatus.QUEUED ? "waiting " : "";
        if (since != null) {
            element.setAttribute("data-since", String.valueOf(since.toEpochMilli()));
            element.setAttribute("data-prefix", prefix);
            elapsed.setText(prefix + JobDurations.human(Duration.between(since, Instant.now())));
        } else {
            element.removeAttribute("data-since");
            element.removeAttribute("data-prefix");
            Instant from = started != null ? started : created;
            elapsed.setText(finished == null || state == JobStatus.CANCELLED && started == null ? ""
                    : (state == JobStatus.SUCCEEDED ? "took " : "after ") + JobDurations.human(Duration.between(from, finished)));
        }
    }

    /** The status in words; a queued job that ran before waits for its retry. */
    static String label(JobStatus status, int attempts) {
        return switch (status) {
            case QUEUED -> attempts > 0 ? "Waiting to retry" : "Queued";
            case RUNNING -> attempts > 1 ? "Running (attempt " + attempts + ")" : "Running";
            case SUCCEEDED -> "Done";
            case FAILED -> "Failed";
            case CANCELLED -> "Cancelled";
        };
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
