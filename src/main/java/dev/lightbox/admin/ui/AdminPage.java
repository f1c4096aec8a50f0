package dev.lightbox.admin.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.shared.Registration;
import dev.lightbox.base.ui.UiTasks;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;

/**
 * An admin console page: the console's own navigation on top, and a way to load data off the session lock
 * (now, and every few seconds while the page is open) and show it when it arrives.
 */
abstract class AdminPage extends Main {

    private static final Logger log = LoggerFactory.getLogger(AdminPage.class);
    private static final int REFRESH_MS = 5000;

    record Link(String path, String title) {
    }

    static final List<Link> LINKS = List.of(new Link("admin", "Overview"), new Link("admin/queues", "Queues"),
            new Link("admin/job-stats", "Job statistics"), new Link("admin/workers", "Workers"), new Link("admin/users", "Users"),
            new Link("admin/settings", "Settings"), new Link("admin/audit", "Audit log"), new Link("admin/models", "Models"));

    protected final UiTasks tasks;
    private @Nullable Runnable refresher;
    private @Nullable Registration polling;
    private boolean polls;
    private final AtomicBoolean loading = new AtomicBoolean();

    AdminPage(UiTasks tasks, String id, String title, String current) {
        this.tasks = tasks;
        setId(id);
        addClassNames("page", "admin-page");
        var nav = new Nav();
        nav.addClassName("admin-nav");
        nav.setId("admin-nav");
        for (Link link : LINKS) {
            var anchor = new Anchor(link.path(), link.title());
            if (link.path().equals(current)) anchor.addClassName("current");
            nav.add(anchor);
        }
        add(nav, new H2(title));
    }

    /** Loads with {@code load} off the lock and hands the result to {@code show} on the page; repeated while the page is open. */
    protected <T> void keepFresh(Supplier<T> load, Consumer<T> show) {
        refresher = () -> {
            if (loading.compareAndSet(false, true)) load(load, show, () -> loading.set(false)); // one periodic load in flight per page
        };
        polls = true;
    }

    /** Loads when the page opens and after each change made here, without polling. */
    protected <T> void loadOnOpen(Supplier<T> load, Consumer<T> show) {
        refresher = () -> load(load, show);
    }

    protected void refresh() {
        if (refresher != null) refresher.run();
    }

    /** One load off the lock; a failure is shown, not thrown. */
    protected <T> void load(Supplier<T> load, Consumer<T> show) {
        load(load, show, () -> { });
    }

    private <T> void load(Supplier<T> load, Consumer<T> show, Runnable finished) {
        UI ui = UI.getCurrent();
        if (ui == null) {
            finished.run();
            return;
        }
        tasks.run(new DelegatingSecurityContextRunnable(() -> {
            try {
                T value = load.get();
                UiTasks.push(ui, () -> show.accept(value));
            } catch (RuntimeException e) {
                log.warn("Loading an admin page failed: {}", e.toString());
                UiTasks.push(ui, () -> Notification.show("Could not load: " + e.getMessage(), 5000, Notification.Position.BOTTOM_START));
            } finally {
                finished.run();
            }
        }));
    }

    /** Runs an admin change off the lock; {@code done} shows its outcome, a refusal shows its reason. */
    protected <T> void change(Supplier<T> action, Consumer<T> done) {
        UI ui = UI.getCurrent();
        tasks.run(new DelegatingSecurityContextRunnable(() -> { // the services check the admin role again
            try {
                T value = action.get();
                UiTasks.push(ui, () -> {
                    done.accept(value);
                    refresh();
                });
            } catch (RuntimeException e) {
                String reason = e.getMessage() == null ? "That did not work: reload the page and try again." : e.getMessage();
                UiTasks.push(ui, () -> Notification.show(reason, 6000, Notification.Position.BOTTOM_START));
            }
        }));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        refresh();
        if (polls) {
            event.getUI().setPollInterval(REFRESH_MS);
            polling = event.getUI().addPollListener(poll -> refresh());
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            polling.remove();
            polling = null;
            event.getUI().setPollInterval(-1);
        }
        super.onDetach(event);
    }
}
