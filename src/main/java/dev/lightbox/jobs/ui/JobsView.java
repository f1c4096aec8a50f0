package dev.lightbox.jobs.ui;

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
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.jobs.JobEvent;
import dev.lightbox.jobs.JobEvents;
import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.jobs.JobView;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The user's jobs, newest first, with live progress (pushed as it happens), cancel, retry and details. */
@Route("jobs")
@PageTitle("Jobs")
@Menu(order = 20, icon = "vaadin:tasks", title = "Jobs")
@PermitAll
public class JobsView extends Main {

    private static final Map<String, String> NAMES = Map.of("library.renditions", "Preview and thumbnail", "analysis.photo", "Photo analysis",
            "library.delete-content", "Delete stored files", "analysis.library", "Re-analyse library", "scoring.rescore", "Re-score library", "system.noop", "Diagnostic job");

    private final JobService jobs;
    private final UUID owner;
    private final Div list = new Div();
    private final Map<UUID, JobRow> rows = new HashMap<>();

    public JobsView(JobService jobs, JobEvents events) {
        this.jobs = jobs;
        this.owner = CurrentUser.require().id();
        setId("jobs-view");
        addClassName("page");
        list.setId("job-list");
        list.addClassName("job-list");
        add(new H2("Jobs"), new Paragraph("Work Lightbox does for you in the background, live."), list);
        var page = jobs.list(owner, null, null, 100);
        if (page.items().isEmpty()) list.add(new Paragraph("No jobs yet. Uploading photos starts some."));
        page.items().forEach(job -> list.add(row(job)));
        JobUpdates.follow(this, events, event -> owner.equals(event.ownerId()), this::apply);
        // the list was read before the subscription starts (on attach): catch up on jobs that moved in between
        addAttachListener(attach -> rows.values().stream().filter(JobRow::unfinished).forEach(JobRow::refresh));
    }

    private JobRow row(JobView job) {
        var row = new JobRow(job);
        rows.put(job.id(), row);
        return row;
    }

    private void apply(JobEvent event) {
        JobRow row = rows.get(event.id());
        if (row == null) {
            jobs.find(owner, event.id()).ifPresent(job -> {
                list.getChildren().filter(c -> !(c instanceof JobRow)).toList().forEach(list::remove); // the "no jobs" line
                list.addComponentAsFirst(row(job));
            });
        } else {
            row.update(event);
        }
    }

    /** One job: name, status, progress bar, step and message, elapsed time, actions, details on demand. */
    private final class JobRow extends Div {
        private final UUID id;
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

        JobRow(JobView job) {
            this.id = job.id();
            this.createdAt = job.createdAt();
            this.startedAt = job.startedAt();
            this.finishedAt = job.finishedAt();
            addClassName("job-row");
            getElement().setAttribute("data-job-id", id.toString());
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
            var name = new Span(NAMES.getOrDefault(job.type(), job.type()));
            name.addClassName("job-name");
            var header = new Div(name, status, elapsed, cancel, retry, more);
            header.addClassName("job-header");
            add(header, bar, step, details);
            show(job.status(), job.progress(), job.step(), job.message(), job.error());
        }

        boolean unfinished() {
            return finishedAt == null;
        }

        void refresh() {
            jobs.find(owner, id).ifPresent(job -> {
                startedAt = job.startedAt();
                finishedAt = job.finishedAt();
                show(job.status(), job.progress(), job.step(), job.message(), job.error());
            });
        }

        void update(JobEvent event) {
            if (event.status() == JobStatus.RUNNING && startedAt == null) startedAt = Instant.now();
            if (event.status().finished()) finishedAt = Instant.now();
            if (event.status() == JobStatus.QUEUED) finishedAt = null;
            String error = event.status() == JobStatus.FAILED ? jobs.find(owner, id).map(JobView::error).orElse(null) : null;
            show(event.status(), event.progress(), event.step(), event.message(), error);
            if (details.isVisible()) fillDetails();
        }

        private void show(JobStatus state, double progress, @Nullable String stepName, @Nullable String message, @Nullable String error) {
            status.setText(label(state));
            status.getElement().setAttribute("data-status", state.name());
            bar.setValue(Math.clamp(progress, 0, 1));
            bar.setIndeterminate(state == JobStatus.RUNNING && progress == 0);
            bar.removeThemeVariants(ProgressBarVariant.LUMO_ERROR, ProgressBarVariant.LUMO_SUCCESS);
            if (state == JobStatus.FAILED) bar.addThemeVariants(ProgressBarVariant.LUMO_ERROR);
            if (state == JobStatus.SUCCEEDED) bar.addThemeVariants(ProgressBarVariant.LUMO_SUCCESS);
            step.setText(state == JobStatus.FAILED && error != null ? error
                    : stepName == null ? "" : stepName + (message == null ? "" : " — " + message));
            cancel.setVisible(!state.finished());
            retry.setVisible(state == JobStatus.FAILED || state == JobStatus.CANCELLED);
            Instant from = startedAt != null ? startedAt : createdAt;
            Instant to = finishedAt != null ? finishedAt : Instant.now();
            elapsed.setText(startedAt == null ? "waiting" : human(Duration.between(from, to)));
        }

        private void toggleDetails() {
            details.setVisible(!details.isVisible());
            if (details.isVisible()) fillDetails();
        }

        private void fillDetails() {
            details.removeAll();
            jobs.find(owner, id).ifPresent(job -> {
                if (job.error() != null) details.add(new Pre(job.error()));
                jobs.attempts(owner, id).forEach(a -> details.add(new Paragraph("Attempt " + a.attempt() + " on " + a.worker() + ": "
                        + (a.outcome() == null ? "running" : a.outcome()) + (a.error() == null ? "" : " — " + a.error()))));
            });
        }
    }

    private static String label(JobStatus status) {
        return switch (status) {
            case QUEUED -> "Waiting";
            case RUNNING -> "Running";
            case SUCCEEDED -> "Done";
            case FAILED -> "Failed";
            case CANCELLED -> "Cancelled";
        };
    }

    private static String human(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 1) return d.toMillis() + " ms";
        if (seconds < 60) return seconds + " s";
        return (seconds / 60) + " min " + (seconds % 60) + " s";
    }
}
