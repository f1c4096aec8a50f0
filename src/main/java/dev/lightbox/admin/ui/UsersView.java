package dev.lightbox.admin.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.lightbox.account.service.AccountService;
import dev.lightbox.account.service.AccountSummary;
import jakarta.annotation.security.RolesAllowed;

/** Every account on this server. Admins only: the route and the service method both check the role. */
@Route("admin/users")
@PageTitle("Users")
@Menu(order = 100, icon = "vaadin:users", title = "Users (admin)")
@RolesAllowed("ADMIN")
public class UsersView extends Main {

    public UsersView(AccountService accounts) {
        setId("admin-users-view");
        addClassName("page");
        var grid = new Grid<AccountSummary>(AccountSummary.class, false);
        grid.addColumn(AccountSummary::email).setHeader("Email").setFlexGrow(2);
        grid.addColumn(AccountSummary::role).setHeader("Role");
        grid.addColumn(AccountSummary::createdAt).setHeader("Created");
        grid.setItems(accounts.listAccounts());
        add(grid);
    }
}
