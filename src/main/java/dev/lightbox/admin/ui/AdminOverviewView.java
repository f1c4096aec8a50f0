package dev.lightbox.admin.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.lightbox.admin.service.Overview;
import dev.lightbox.admin.service.OverviewService;
import dev.lightbox.base.ui.UiTasks;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;

/** The server at a glance: people, photos, storage, jobs, queues, workers and health. Refreshes itself. */
@Route("admin")
@PageTitle("Admin")
@Menu(order = 99, icon = "vaadin:dashboard", title = "Admin")
@RolesAllowed("ADMIN")
public class AdminOverviewView extends AdminPage {

    private final Div cards = new Div();
    private final Div storage = new Div();
    private final Div jobs = new Div();
    private final Div queues = new Div();
    private final Paragraph about = new Paragraph();

    public AdminOverviewView(OverviewService overview, UiTasks tasks) {
        super(tasks, "admin-overview-view", "Admin overview", "admin");
        cards.setId("overview-cards");
        cards.addClassName("stat-cards");
        storage.setId("overview-storage");
        storage.addClassName("stat-cards");
        jobs.setId("overview-jobs");
        jobs.addClassName("stat-cards");
        queues.setId("overview-queues");
        queues.addClassName("stat-cards");
        about.setId("overview-about");
        add(cards, new H3("Storage"), storage, new H3("Jobs in the last 24 h"), jobs, new H3("Queues"), queues, about);
        keepFresh(overview::overview, this::show);
    }

    private void show(Overview o) {
        cards.removeAll();
        cards.add(card("Users", o.users().total() + "", o.users().admins() + " admin(s), " + o.users().disabled() + " disabled"),
                card("Photos", o.photos() + "", null),
                card("Workers online", o.workersOnline() + "", null),
                card("Database", o.health().database(), null, "UP".equals(o.health().database()) ? "ok" : "bad"),
                card("Storage", o.health().storage(), null, "UP".equals(o.health().storage()) ? "ok" : "bad"));
        storage.removeAll();
        o.storage().forEach(s -> storage.add(card(s.kind(), Formats.bytes(s.bytes()), s.objects() + " object(s)")));
        jobs.removeAll();
        o.jobs24h().forEach((status, count) -> jobs.add(card(status.name().toLowerCase(java.util.Locale.ROOT), count + "", null)));
        if (o.jobs24h().isEmpty()) jobs.add(new Span("No jobs in the last 24 hours."));
        queues.removeAll();
        o.queues().forEach(q -> queues.add(card(q.queue() + (q.paused() ? " (paused)" : ""), q.queued() + " queued",
                q.running() + " running, oldest wait " + Formats.seconds(q.oldestWaitSeconds()), q.paused() ? "bad" : null)));
        about.setText("Lightbox " + o.version() + " · started " + Formats.time(o.startedAt()) + " · up "
                + Formats.seconds(o.uptimeSeconds()));
    }

    static Div card(String label, String value, @org.jspecify.annotations.Nullable String detail) {
        return card(label, value, detail, null);
    }

    static Div card(String label, String value, @org.jspecify.annotations.Nullable String detail, @org.jspecify.annotations.Nullable String tone) {
        var card = new Div();
        card.addClassName("stat-card");
        if (tone != null) card.addClassName(tone);
        var name = new Span(label);
        name.addClassName("stat-label");
        var number = new Span(value);
        number.addClassName("stat-value");
        card.add(name, number);
        if (detail != null) {
            var more = new Span(detail);
            more.addClassName("stat-detail");
            card.add(more);
        }
        return card;
    }
}
