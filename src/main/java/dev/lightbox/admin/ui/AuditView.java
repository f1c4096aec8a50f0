package dev.lightbox.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.lightbox.admin.service.AuditEntry;
import dev.lightbox.admin.service.AuditFilter;
import dev.lightbox.admin.service.AuditPage;
import dev.lightbox.admin.service.AuditService;
import dev.lightbox.base.audit.AdminAction;
import dev.lightbox.base.ui.UiTasks;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Who did what to whom and when: every admin action, newest first, filtered by action, admin, target and day. */
@Route("admin/audit")
@PageTitle("Audit log")
@RolesAllowed("ADMIN")
public class AuditView extends AdminPage {

    private static final int PAGE = 50;

    private final AuditService audit;
    private final Grid<AuditEntry> grid = new Grid<>(AuditEntry.class, false);
    private final ComboBox<AdminAction> action = new ComboBox<>("Action");
    private final TextField actor = new TextField("Admin");
    private final TextField target = new TextField("Target id");
    private final DatePicker from = new DatePicker("From");
    private final DatePicker to = new DatePicker("To");
    private final Button more = new Button("Show more");
    private final List<AuditEntry> shown = new ArrayList<>();
    private @Nullable String nextCursor;

    public AuditView(AuditService audit, UiTasks tasks) {
        super(tasks, "admin-audit-view", "Audit log", "admin/audit");
        this.audit = audit;
        action.setId("audit-action");
        action.setItems(Arrays.asList(AdminAction.values()));
        action.setItemLabelGenerator(AdminAction::key);
        action.setClearButtonVisible(true);
        actor.setId("audit-actor");
        actor.setPlaceholder("email");
        actor.setClearButtonVisible(true);
        target.setId("audit-target");
        target.setClearButtonVisible(true);
        from.setId("audit-from");
        to.setId("audit-to");
        action.addValueChangeListener(e -> reload());
        for (TextField field : List.of(actor, target)) field.addValueChangeListener(e -> reload());
        for (DatePicker date : List.of(from, to)) date.addValueChangeListener(e -> reload());
        var filters = new FlexLayout(action, actor, target, from, to);
        filters.addClassName("filter-row");
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);

        grid.setId("audit-log");
        grid.addColumn(e -> Formats.time(e.at())).setHeader("When").setAutoWidth(true);
        grid.addColumn(AuditEntry::actorEmail).setHeader("Admin").setAutoWidth(true);
        grid.addColumn(AuditEntry::action).setHeader("Action").setAutoWidth(true);
        grid.addColumn(e -> e.targetType() == null ? "–" : e.targetType() + " " + (e.targetId() == null ? "" : e.targetId()))
                .setHeader("Target").setFlexGrow(1).setResizable(true);
        grid.addColumn(AuditEntry::detail).setHeader("Detail").setFlexGrow(2);
        grid.setAllRowsVisible(true);
        more.setId("audit-more");
        more.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        more.addClickListener(e -> fetch(false));
        add(filters, grid, more);
        reload();
    }

    private void reload() {
        fetch(true);
    }

    private void fetch(boolean fromStart) {
        AuditFilter filter = new AuditFilter(action.getValue() == null ? null : action.getValue().key(), blank(actor.getValue()),
                blank(target.getValue()), start(from.getValue()), start(to.getValue() == null ? null : to.getValue().plusDays(1)));
        String cursor = fromStart ? null : nextCursor;
        load(() -> audit.page(filter, cursor, PAGE), page -> show(page, fromStart));
    }

    private void show(AuditPage page, boolean fromStart) {
        if (fromStart) shown.clear();
        shown.addAll(page.items());
        nextCursor = page.nextCursor();
        grid.setItems(List.copyOf(shown));
        more.setVisible(nextCursor != null);
    }

    private static @Nullable String blank(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static @Nullable Instant start(@Nullable LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZoneId.systemDefault()).toInstant();
    }
}
