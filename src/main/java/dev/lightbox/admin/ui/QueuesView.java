package dev.lightbox.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.lightbox.base.ui.UiTasks;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.QueueAdminService;
import dev.lightbox.jobs.QueueState;
import dev.lightbox.jobs.QueueUpdate;
import dev.lightbox.jobs.TypeState;
import jakarta.annotation.security.RolesAllowed;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The job queues on every node: depth, failures, oldest wait and throughput per queue and job type; pause and resume a
 * queue or a type, change a queue's threads live, retry or clear a type's failed jobs.
 */
@Route("admin/queues")
@PageTitle("Queues")
@RolesAllowed("ADMIN")
public class QueuesView extends AdminPage {

    private final QueueAdminService queues;
    private final Map<JobQueue, QueuePanel> panels = new EnumMap<>(JobQueue.class);

    public QueuesView(QueueAdminService queues, UiTasks tasks) {
        super(tasks, "admin-queues-view", "Queues", "admin/queues");
        this.queues = queues;
        add(new Paragraph("Paused work stays queued (also across restarts) and running work finishes. Threads apply to every node "
                + "at once; reset goes back to each node's own LIGHTBOX_JOBS_*_THREADS."));
        for (JobQueue queue : JobQueue.values()) {
            var panel = new QueuePanel(queue);
            panels.put(queue, panel);
            add(panel);
        }
        keepFresh(queues::queues, this::show);
    }

    private void show(List<QueueState> states) {
        for (QueueState state : states) {
            QueuePanel panel = panels.get(state.queue());
            if (panel != null) panel.show(state);
        }
    }

    private final class QueuePanel extends Div {
        private final JobQueue queue;
        private final Span summary = new Span();
        private final Button pause = new Button();
        private final IntegerField threads = new IntegerField("Threads");
        private final Grid<TypeState> types = new Grid<>(TypeState.class, false);
        private boolean paused;
        private boolean editingThreads;

        QueuePanel(JobQueue queue) {
            this.queue = queue;
            String name = queue.column();
            setId("queue-" + name);
            addClassName("queue-panel");
            summary.setId("queue-" + name + "-summary");
            pause.setId("queue-" + name + "-pause");
            pause.addClickListener(e -> change(() -> queues.update(queue, new QueueUpdate(!paused, false, null)),
                    s -> Notification.show("Queue " + name + (s.paused() ? " paused" : " resumed"), 3000, Notification.Position.BOTTOM_START)));
            threads.setId("queue-" + name + "-threads");
            threads.setMin(1);
            threads.setMax(256);
            threads.setStepButtonsVisible(true);
            threads.addFocusListener(e -> editingThreads = true);
            var apply = new Button("Apply", e -> {
                Integer value = threads.getValue();
                if (value == null || value < 1 || value > 256) {
                    Notification.show("Threads: a whole number from 1 to 256.", 4000, Notification.Position.BOTTOM_START);
                    return;
                }
                editingThreads = false;
                change(() -> queues.update(queue, new QueueUpdate(null, true, value)),
                        s -> Notification.show("Queue " + name + ": " + value + " thread(s) on every node", 3000, Notification.Position.BOTTOM_START));
            });
            apply.setId("queue-" + name + "-threads-apply");
            var reset = new Button("Reset", e -> {
                editingThreads = false;
                change(() -> queues.update(queue, new QueueUpdate(null, true, null)),
                        s -> Notification.show("Queue " + name + ": each node's own thread setting", 3000, Notification.Position.BOTTOM_START));
            });
            reset.setId("queue-" + name + "-threads-reset");
            reset.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            var controls = new FlexLayout(pause, threads, apply, reset);
            controls.addClassName("queue-controls");
            controls.setFlexWrap(FlexLayout.FlexWrap.WRAP);
            controls.setAlignItems(FlexLayout.Alignment.BASELINE);

            types.setId("queue-" + name + "-types");
            types.addColumn(TypeState::title).setHeader("Job type").setFlexGrow(2);
            types.addColumn(TypeState::queued).setHeader("Queued").setAutoWidth(true);
            types.addColumn(TypeState::running).setHeader("Running").setAutoWidth(true);
            types.addColumn(TypeState::failed24h).setHeader("Failed 24 h").setAutoWidth(true);
            types.addColumn(t -> Formats.seconds(t.oldestWaitSeconds())).setHeader("Oldest wait").setAutoWidth(true);
            types.addColumn(t -> Formats.rate(t.throughputPerMinute())).setHeader("Throughput").setAutoWidth(true);
            types.addComponentColumn(this::typeActions).setHeader("").setAutoWidth(true).setFlexGrow(0);
            types.setAllRowsVisible(true);
            add(new H3("Queue " + name), summary, controls, types);
        }

        void show(QueueState state) {
            paused = state.paused();
            pause.setText(paused ? "Resume queue" : "Pause queue");
            pause.getElement().setAttribute("theme", paused ? "primary" : "");
            summary.setText((paused ? "Paused. " : "Running. ") + state.queued() + " queued, " + state.running() + " running, "
                    + state.failed24h() + " failed in 24 h, oldest wait " + Formats.seconds(state.oldestWaitSeconds()) + ", "
                    + Formats.rate(state.throughputPerMinute()) + "; " + state.threadsOnline() + " thread(s) online"
                    + (state.threads() == null ? " (each node's own setting)" : " (set to " + state.threads() + " per node)"));
            if (!editingThreads) threads.setValue(state.threads());
            types.setItems(state.types());
        }

        private FlexLayout typeActions(TypeState type) {
            String id = queue.column() + "-" + type.type().replace('.', '-');
            var pauseType = new Button(type.paused() ? "Resume" : "Pause", e -> change(() -> queues.updateType(queue, type.type(), !type.paused()),
                    t -> Notification.show(t.title() + (t.paused() ? " paused" : " resumed"), 3000, Notification.Position.BOTTOM_START)));
            pauseType.setId("type-pause-" + id);
            var retry = new Button("Retry failed", e -> change(() -> queues.retryFailed(queue, type.type()),
                    n -> Notification.show(n + " failed " + type.title() + " job(s) queued again", 3000, Notification.Position.BOTTOM_START)));
            retry.setId("type-retry-" + id);
            var clear = new Button("Clear failed", e -> confirmClear(type));
            clear.setId("type-clear-" + id);
            clear.addThemeVariants(ButtonVariant.LUMO_ERROR);
            for (Button b : List.of(pauseType, retry, clear)) b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            var actions = new FlexLayout(pauseType, retry, clear);
            actions.setFlexWrap(FlexLayout.FlexWrap.WRAP);
            return actions;
        }

        private void confirmClear(TypeState type) {
            var dialog = new ConfirmDialog("Clear failed " + type.title() + " jobs?",
                    "Failed jobs of this type are deleted with their history. This cannot be undone.", "Clear failed",
                    e -> change(() -> queues.clearFailed(queue, type.type()),
                            n -> Notification.show(n + " failed job(s) deleted", 3000, Notification.Position.BOTTOM_START)));
            dialog.setCancelable(true);
            dialog.setConfirmButtonTheme("error primary");
            dialog.open();
        }
    }
}
