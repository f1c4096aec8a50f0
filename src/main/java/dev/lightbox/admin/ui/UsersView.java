package dev.lightbox.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.lightbox.account.service.AccountService;
import dev.lightbox.account.service.AccountSummary;
import dev.lightbox.analysis.service.AnalysisService;
import dev.lightbox.base.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;

/**
 * Every account on this server, and re-analysis of every library after an analyzer upgrade. Admins only:
 * the route and the service methods both check the role.
 */
@Route("admin/users")
@PageTitle("Users")
@Menu(order = 100, icon = "vaadin:users", title = "Users (admin)")
@RolesAllowed("ADMIN")
public class UsersView extends Main {

    public UsersView(AccountService accounts, AnalysisService analyses) {
        setId("admin-users-view");
        addClassName("page");
        var grid = new Grid<AccountSummary>(AccountSummary.class, false);
        grid.addColumn(AccountSummary::email).setHeader("Email").setFlexGrow(2);
        grid.addColumn(AccountSummary::role).setHeader("Role");
        grid.addColumn(AccountSummary::createdAt).setHeader("Created");
        grid.setItems(accounts.listAccounts());
        var reanalyse = new Button("Re-analyse all libraries", e -> {
            analyses.reanalyseAll(CurrentUser.require().id());
            Notification.show("Photos without a result from analyzer v" + AnalysisService.currentVersion()
                    + " are being queued for analysis: follow it on the Jobs page.", 5000, Notification.Position.BOTTOM_START);
        });
        reanalyse.setId("reanalyse-all");
        add(grid, reanalyse);
    }
}
