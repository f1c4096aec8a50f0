package dev.lightbox.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.lightbox.admin.service.EffectiveSetting;
import dev.lightbox.admin.service.SettingsService;
import dev.lightbox.analysis.service.AnalysisService;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.base.ui.UiTasks;
import dev.lightbox.data.backup.service.BackupService;
import dev.lightbox.retention.service.RetentionService;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Locale;

/** The settings in effect on this node (secrets masked), and the maintenance jobs an admin may start. */
@Route("admin/settings")
@PageTitle("Settings (admin)")
@RolesAllowed("ADMIN")
public class AdminSettingsView extends AdminPage {

    private final Grid<EffectiveSetting> grid = new Grid<>(EffectiveSetting.class, false);
    private List<EffectiveSetting> all = List.of();

    public AdminSettingsView(SettingsService settings, AnalysisService analyses, RetentionService retention, BackupService backups, UiTasks tasks) {
        super(tasks, "admin-settings-view", "Settings", "admin/settings");
        var retentionRun = new Button("Run retention sweep", e -> {
            var admin = CurrentUser.require().id();
            change(() -> retention.runNow(admin),
                    id -> Notification.show("Retention sweep queued: follow it on the Jobs page.", 4000, Notification.Position.BOTTOM_START));
        });
        retentionRun.setId("run-retention");
        var reanalyse = new Button("Re-analyse all libraries", e -> {
            var admin = CurrentUser.require().id();
            change(() -> {
                analyses.reanalyseAll(admin);
                return admin;
            }, id -> Notification.show("Photos without a result from analyzer v" + AnalysisService.currentVersion()
                    + " are being queued for analysis: follow it on the Jobs page.", 5000, Notification.Position.BOTTOM_START));
        });
        reanalyse.setId("reanalyse-all");
        var backupRun = new Button("Back up now", e -> {
            var admin = CurrentUser.require().id();
            change(() -> backups.runNow(admin),
                    id -> Notification.show("Backup queued into the data directory's backups folder: follow it on the Jobs page.", 5000,
                            Notification.Position.BOTTOM_START));
        });
        backupRun.setId("run-backup");
        var maintenance = new FlexLayout(retentionRun, reanalyse, backupRun);
        maintenance.addClassName("button-row");
        maintenance.setFlexWrap(FlexLayout.FlexWrap.WRAP);

        var filter = new TextField();
        filter.setId("settings-filter");
        filter.setPlaceholder("Filter settings");
        filter.setClearButtonVisible(true);
        filter.addValueChangeListener(e -> show(e.getValue()));
        grid.setId("admin-settings");
        grid.addColumn(EffectiveSetting::name).setHeader("Setting").setFlexGrow(2).setResizable(true);
        grid.addColumn(EffectiveSetting::value).setHeader("Value").setFlexGrow(2);
        grid.addColumn(EffectiveSetting::source).setHeader("From").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        add(new H3("Maintenance"), maintenance, new H3("Settings in effect on this node"),
                new Paragraph("Secrets are masked. Change settings through the environment (see the README) and restart."), filter, grid);
        load(settings::effective, loaded -> {
            all = loaded;
            show(filter.getValue());
        });
    }

    private void show(String filter) {
        String needle = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
        grid.setItems(all.stream().filter(s -> needle.isEmpty() || s.name().toLowerCase(Locale.ROOT).contains(needle)
                || s.property().toLowerCase(Locale.ROOT).contains(needle)).toList());
    }
}
