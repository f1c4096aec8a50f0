package dev.lightbox.admin.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.lightbox.base.ui.UiTasks;
import dev.lightbox.jobs.QueueAdminService;
import dev.lightbox.jobs.WorkerState;
import jakarta.annotation.security.RolesAllowed;
import java.util.Locale;

/** Every node that registered: role, host, threads, GPU, version, when it started and was last heard of; silent ones show as lost. */
@Route("admin/workers")
@PageTitle("Workers")
@RolesAllowed("ADMIN")
public class WorkersView extends AdminPage {

    public WorkersView(QueueAdminService queues, UiTasks tasks) {
        super(tasks, "admin-workers-view", "Workers", "admin/workers");
        var grid = new Grid<WorkerState>(WorkerState.class, false);
        grid.setId("workers");
        grid.addComponentColumn(w -> {
            var status = new Span(w.status().name());
            status.addClassNames("status-badge", w.status().name().toLowerCase(Locale.ROOT));
            return status;
        }).setHeader("Status").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(WorkerState::host).setHeader("Host").setFlexGrow(1).setResizable(true);
        grid.addColumn(w -> w.role().toLowerCase(Locale.ROOT)).setHeader("Role").setAutoWidth(true);
        grid.addColumn(w -> "cpu " + w.cpuThreads() + " · gpu " + w.gpuThreads()).setHeader("Threads").setAutoWidth(true);
        grid.addColumn(w -> w.gpuName() == null ? "–" : w.gpuName() + (w.gpuMemoryBytes() == null ? "" : " (" + Formats.bytes(w.gpuMemoryBytes()) + ")"))
                .setHeader("GPU").setAutoWidth(true);
        grid.addColumn(WorkerState::version).setHeader("Version").setAutoWidth(true);
        grid.addColumn(w -> Formats.time(w.startedAt())).setHeader("Started").setAutoWidth(true);
        grid.addColumn(w -> Formats.time(w.lastSeenAt())).setHeader("Last seen").setAutoWidth(true);
        grid.addColumn(WorkerState::id).setHeader("Id").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        add(new Paragraph("Every node beats every few seconds; one silent for three job leases shows as lost (its jobs return to the "
                + "queue when their leases expire). Scale worker containers as the README's \"Scaling workers\" shows."), grid);
        keepFresh(queues::workers, grid::setItems);
    }
}
