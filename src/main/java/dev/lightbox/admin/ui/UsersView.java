package dev.lightbox.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.lightbox.account.service.AccountService;
import dev.lightbox.account.service.AccountSummary;
import dev.lightbox.analysis.service.AnalysisService;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.billing.service.CreditEntry;
import dev.lightbox.billing.service.CreditService;
import jakarta.annotation.security.RolesAllowed;

/**
 * Every account on this server with its credits, granting or adjusting credits with a reason, and
 * re-analysis of every library after an analyzer upgrade. Admins only: the route and the service methods
 * both check the role.
 */
@Route("admin/users")
@PageTitle("Users")
@Menu(order = 100, icon = "vaadin:users", title = "Users (admin)")
@RolesAllowed("ADMIN")
public class UsersView extends Main {

    private final AccountService accounts;
    private final CreditService credits;
    private final Grid<AccountSummary> grid = new Grid<>(AccountSummary.class, false);

    public UsersView(AccountService accounts, AnalysisService analyses, CreditService credits) {
        this.accounts = accounts;
        this.credits = credits;
        setId("admin-users-view");
        addClassName("page");
        grid.setId("admin-users");
        grid.addColumn(AccountSummary::email).setHeader("Email").setFlexGrow(2);
        grid.addColumn(AccountSummary::role).setHeader("Role");
        grid.addColumn(user -> credits.balance(user.id()).balance()).setHeader("Credits").setKey("credits");
        grid.addColumn(AccountSummary::createdAt).setHeader("Created");
        grid.addComponentColumn(user -> {
            var button = new Button("Credits…", e -> askCredits(user));
            button.setId("credits-" + user.id());
            button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            return button;
        }).setHeader("").setAutoWidth(true).setFlexGrow(0);
        grid.setItems(accounts.listAccounts());
        var reanalyse = new Button("Re-analyse all libraries", e -> {
            analyses.reanalyseAll(CurrentUser.require().id());
            Notification.show("Photos without a result from analyzer v" + AnalysisService.currentVersion()
                    + " are being queued for analysis: follow it on the Jobs page.", 5000, Notification.Position.BOTTOM_START);
        });
        reanalyse.setId("reanalyse-all");
        add(grid, reanalyse);
    }

    /** Grant (a positive amount) or take back (a negative one) credits, always with a reason for the user's history. */
    private void askCredits(AccountSummary user) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Credits for " + user.email());
        var amount = new IntegerField("Amount");
        amount.setId("credit-amount");
        amount.setHelperText("Positive grants credits, negative takes them back. Balance now: " + credits.balance(user.id()).balance());
        amount.setStepButtonsVisible(true);
        var reason = new TextField("Reason");
        reason.setId("credit-reason");
        reason.setMaxLength(200);
        reason.setWidthFull();
        reason.setHelperText("Shown in the user's history.");
        var problem = new Paragraph();
        problem.addClassName("error-text");
        var apply = new Button("Apply", e -> {
            if (amount.getValue() == null) {
                problem.setText("Enter an amount.");
                return;
            }
            try {
                CreditEntry entry = credits.adjustByAdmin(CurrentUser.require().id(), user.id(), amount.getValue(), reason.getValue());
                dialog.close();
                grid.getDataProvider().refreshItem(user);
                Notification.show(user.email() + " now has " + entry.balanceAfter() + " credits.", 4000, Notification.Position.BOTTOM_START);
            } catch (RuntimeException ex) { // bad input, an account deleted meanwhile, a role taken away
                problem.setText(ex.getMessage() == null ? "That did not work: reload the page and try again." : ex.getMessage());
            }
        });
        apply.setId("credit-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(amount, reason, problem);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), apply);
        dialog.open();
        amount.focus();
    }
}
