package dev.lightbox.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.lightbox.admin.service.AdminUser;
import dev.lightbox.admin.service.AdminUserService;
import dev.lightbox.admin.service.UserPage;
import dev.lightbox.admin.service.UserUpdate;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.base.ui.UiTasks;
import dev.lightbox.billing.service.CreditService;
import dev.lightbox.data.deletion.service.AccountDeletionService;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Every account on this server with its photos, bytes, credits and last sign-in: disable or enable it (with a
 * reason the person sees when signing in), make or unmake an admin (never the last one), grant or adjust credits
 * with a reason; delete it for good (typing its email to confirm). Admins only: the route and the service methods both check the role.
 */
@Route("admin/users")
@PageTitle("Users")
@Menu(order = 100, icon = "vaadin:users", title = "Users (admin)")
@RolesAllowed("ADMIN")
public class UsersView extends AdminPage {

    private static final int PAGE = 100;

    private final AdminUserService users;
    private final CreditService credits;
    private final AccountDeletionService deletion;
    private final UUID me;
    private final Grid<AdminUser> grid = new Grid<>(AdminUser.class, false);
    private final Button more = new Button("Show more");
    private final List<AdminUser> shown = new ArrayList<>();
    private List<AdminUser> rendered = List.of();
    private @Nullable String nextCursor;
    private volatile @Nullable String emailFilter; // read off the lock by the loader

    public UsersView(AdminUserService users, CreditService credits, AccountDeletionService deletion, UiTasks tasks) {
        super(tasks, "admin-users-view", "Users", "admin/users");
        this.users = users;
        this.credits = credits;
        this.deletion = deletion;
        this.me = CurrentUser.require().id();
        grid.setId("admin-users");
        grid.addColumn(AdminUser::email).setHeader("Email").setFlexGrow(2).setResizable(true);
        grid.addComponentColumn(this::status).setHeader("Status").setAutoWidth(true);
        grid.addColumn(AdminUser::photos).setHeader("Photos").setAutoWidth(true);
        grid.addColumn(u -> Formats.bytes(u.bytes())).setHeader("Stored").setAutoWidth(true);
        grid.addColumn(AdminUser::credits).setHeader("Credits").setKey("credits").setAutoWidth(true);
        grid.addColumn(u -> Formats.time(u.lastSignInAt())).setHeader("Last sign-in").setAutoWidth(true);
        grid.addColumn(u -> Formats.time(u.createdAt())).setHeader("Created").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);
        grid.setAllRowsVisible(true);
        more.setId("admin-users-more");
        more.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        more.addClickListener(e -> fetch(false));
        more.setVisible(false);
        var search = new TextField();
        search.setId("admin-users-search");
        search.setPlaceholder("Search by email");
        search.setClearButtonVisible(true);
        search.setMaxLength(254);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> {
            emailFilter = e.getValue() == null || e.getValue().isBlank() ? null : e.getValue().strip();
            refresh();
        });
        add(search, grid, more);
        loadOnOpen(() -> users.page(emailFilter, null, PAGE), page -> show(page, true));
    }

    private void fetch(boolean fromStart) {
        String cursor = fromStart ? null : nextCursor;
        String filter = emailFilter;
        load(() -> users.page(filter, cursor, PAGE), page -> show(page, fromStart));
    }

    private void show(UserPage page, boolean fromStart) {
        if (fromStart) {
            shown.clear();
            nextCursor = page.nextCursor();
        } else {
            nextCursor = page.nextCursor();
        }
        shown.addAll(page.items());
        render();
        more.setVisible(nextCursor != null);
    }

    /**
     * Hands the rows to the grid only when they changed: setItems re-creates every row's buttons, so a reload that
     * brings the same rows (the one after each change, or a second load on open) would swallow a click in flight.
     */
    private void render() {
        List<AdminUser> now = List.copyOf(shown);
        if (now.equals(rendered)) return;
        rendered = now;
        grid.setItems(now);
    }

    private void replace(AdminUser changed) {
        shown.replaceAll(u -> u.id().equals(changed.id()) ? changed : u);
        render();
    }

    private Span status(AdminUser user) {
        var badge = new Span(user.disabled() ? "disabled" : "ADMIN".equals(user.role()) ? "admin" : "user");
        badge.addClassNames("status-badge", user.disabled() ? "lost" : "ADMIN".equals(user.role()) ? "online" : "neutral");
        if (user.disabled() && user.disabledReason() != null) badge.setTitle(user.disabledReason());
        badge.setId("user-status-" + user.id());
        return badge;
    }

    private FlexLayout actions(AdminUser user) {
        boolean admin = "ADMIN".equals(user.role());
        var disable = new Button(user.disabled() ? "Enable" : "Disable", e -> {
            if (user.disabled()) update(user, new UserUpdate(false, null, null), user.email() + " can sign in again");
            else askDisable(user);
        });
        disable.setId("disable-" + user.id());
        disable.setEnabled(!user.id().equals(me));
        var role = new Button(admin ? "Remove admin" : "Make admin", e -> update(user, new UserUpdate(null, !admin, null),
                user.email() + (admin ? " is no longer an admin" : " is now an admin")));
        role.setId("admin-" + user.id());
        var grant = new Button("Credits…", e -> askCredits(user));
        grant.setId("credits-" + user.id());
        var delete = new Button("Delete", e -> askDelete(user));
        delete.setId("delete-" + user.id());
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        // not for the signed-in admin (that goes through their Settings page, with their password); the last enabled
        // admin is always the one signed in here, so this hides it for the last admin too (the service refuses either way)
        delete.setVisible(!user.id().equals(me));
        for (Button b : List.of(disable, role, grant, delete)) b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        var row = new FlexLayout(disable, role, grant, delete);
        row.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        return row;
    }

    private void update(AdminUser user, UserUpdate change, String message) {
        change(() -> users.update(user.id(), change), changed -> {
            replace(changed);
            Notification.show(message, 4000, Notification.Position.BOTTOM_START);
        });
    }

    private void askDisable(AdminUser user) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Disable " + user.email() + "?");
        var reason = new TextField("Reason");
        reason.setId("disable-reason");
        reason.setMaxLength(300);
        reason.setWidthFull();
        reason.setHelperText("Shown to them when they try to sign in. Their API tokens stop working at once.");
        var apply = new Button("Disable", e -> {
            dialog.close();
            update(user, new UserUpdate(true, null, reason.getValue()), user.email() + " is disabled");
        });
        apply.setId("disable-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        dialog.add(reason);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), apply);
        dialog.open();
        reason.focus();
    }

    /** Deleting an account for good: the admin types its email to confirm. */
    private void askDelete(AdminUser user) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Delete " + user.email() + "?");
        var text = new Paragraph("Every row and file of this account goes for good: " + user.photos() + " photo(s), "
                + Formats.bytes(user.bytes()) + ", its models, diary, credits and tokens; its running jobs are cancelled. "
                + "Originals another account also uploaded stay. Type the email to confirm.");
        var email = new TextField("Email");
        email.setId("delete-email");
        email.setWidthFull();
        email.setValueChangeMode(ValueChangeMode.EAGER);
        var apply = new Button("Delete for good", e -> {
            dialog.close();
            change(() -> deletion.deleteByAdmin(user.id()), deleted -> {
                shown.removeIf(u -> u.id().equals(user.id()));
                render();
                Notification.show(user.email() + " is deleted.", 4000, Notification.Position.BOTTOM_START);
            });
        });
        apply.setId("delete-apply");
        apply.setEnabled(false);
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        email.addValueChangeListener(e -> apply.setEnabled(user.email().equalsIgnoreCase(e.getValue().strip())));
        dialog.add(text, email);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), apply);
        dialog.open();
        email.focus();
    }

    /** Grant (a positive amount) or take back (a negative one) credits, always with a reason for the user's history. */
    private void askCredits(AdminUser user) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Credits for " + user.email());
        var amount = new IntegerField("Amount");
        amount.setId("credit-amount");
        amount.setHelperText("Positive grants credits, negative takes them back. Balance now: " + user.credits());
        amount.setStepButtonsVisible(true);
        var reason = new TextField("Reason");
        reason.setId("credit-reason");
        reason.setMaxLength(200);
        reason.setWidthFull();
        reason.setHelperText("Shown in the user's history.");
        var problem = new Paragraph();
        problem.addClassName("error-text");
        var apply = new Button("Apply", e -> {
            Integer value = amount.getValue();
            if (value == null) {
                problem.setText("Enter an amount.");
                return;
            }
            String why = reason.getValue();
            dialog.close();
            change(() -> credits.adjustByAdmin(me, user.id(), value, why),
                    entry -> Notification.show(user.email() + " now has " + entry.balanceAfter() + " credits.", 4000, Notification.Position.BOTTOM_START));
        });
        apply.setId("credit-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(amount, reason, problem);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), apply);
        dialog.open();
        amount.focus();
    }
}
