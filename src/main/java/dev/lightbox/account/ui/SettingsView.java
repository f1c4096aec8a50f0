package dev.lightbox.account.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import dev.lightbox.account.service.AccountException;
import dev.lightbox.account.service.AccountService;
import dev.lightbox.account.service.ApiTokenService;
import dev.lightbox.account.service.ApiTokenService.TokenSummary;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.base.security.LightboxUser;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import org.jspecify.annotations.Nullable;

/**
 * The user's account: change the password (ends other sessions and login tokens); API tokens: create a named
 * one (secret shown once, optional expiry), list named tokens apart from login tokens, revoke.
 */
@Route("settings")
@PageTitle("Settings")
@Menu(order = 90, icon = "vaadin:cog", title = "Settings")
@PermitAll
public class SettingsView extends Main {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault());

    private final ApiTokenService tokens;
    private final AccountService accounts;
    private final LightboxUser user;
    private final Grid<TokenSummary> grid = new Grid<>(TokenSummary.class, false);
    private final Grid<TokenSummary> loginGrid = new Grid<>(TokenSummary.class, false);
    private final Div newTokenPanel = new Div();

    public SettingsView(ApiTokenService tokens, AccountService accounts, List<SettingsSection> sections) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.user = CurrentUser.require();
        setId("settings-view");
        addClassName("page");
        var apiDocs = new Anchor("/api/docs", "API documentation");
        apiDocs.setRouterIgnore(true);
        add(new H2("Account"),
            new Paragraph("Email: " + user.email() + " · Roles: " + String.join(", ", user.roles())),
            passwordForm(),
            new H2("API tokens"),
            new Paragraph(new Span("Use a token as 'Authorization: Bearer <token>' with the REST API at /api/v1 ("), apiDocs, new Span(").")),
            createForm(), newTokenPanel, configureGrid(grid, "token-grid", "No API tokens yet."),
            new H3("Login tokens"),
            new Paragraph("Each API login gets one; it stops working when unused for a while, and a password change revokes them all."),
            configureGrid(loginGrid, "login-token-grid", "No login tokens."));
        sections.stream().sorted(java.util.Comparator.comparingInt(SettingsSection::order)).forEach(section -> add(section.create(user.id())));
        newTokenPanel.setVisible(false);
        refresh();
    }

    private HorizontalLayout passwordForm() {
        var current = new PasswordField("Current password");
        current.setId("current-password");
        var fresh = new PasswordField("New password");
        fresh.setId("new-password");
        fresh.setHelperText("At least " + AccountService.MIN_PASSWORD_LENGTH + " characters, hard to guess.");
        var change = new Button("Change password", click -> changePassword(current, fresh));
        change.setId("change-password");
        var form = new HorizontalLayout(current, fresh, change);
        form.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        form.setWrap(true);
        return form;
    }

    private void changePassword(PasswordField current, PasswordField fresh) {
        current.setInvalid(false);
        fresh.setInvalid(false);
        String thisSession = VaadinSession.getCurrent().getSession().getId();
        try {
            accounts.changePassword(user.id(), current.getValue(), fresh.getValue(), null, thisSession);
        } catch (AccountException e) {
            PasswordField field = e.getMessage().startsWith("currentPassword:") ? current : fresh;
            field.setErrorMessage(e.getMessage().replaceFirst("^\\w+: ", ""));
            field.setInvalid(true);
            return;
        }
        current.clear();
        fresh.clear();
        refresh();
        Notification.show("Password changed. Your other sessions and login tokens are signed out.", 5000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    private HorizontalLayout createForm() {
        var name = new TextField("Token name");
        name.setId("token-name");
        name.setPlaceholder("e.g. laptop script");
        name.setMaxLength(ApiTokenService.MAX_NAME_LENGTH);
        var expires = new DatePicker("Expires (optional)");
        expires.setId("token-expiry");
        expires.setMin(LocalDate.now().plusDays(1));
        var create = new Button("Create token", click -> create(name, expires));
        create.setId("create-token");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        name.addKeyPressListener(Key.ENTER, e -> create(name, expires));
        var form = new HorizontalLayout(name, expires, create);
        form.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        form.setWrap(true);
        return form;
    }

    private void create(TextField name, DatePicker expires) {
        @Nullable Instant expiresAt = expires.getValue() == null ? null : expires.getValue().atStartOfDay(ZoneId.systemDefault()).toInstant();
        try {
            var created = tokens.create(user.id(), name.getValue(), expiresAt);
            name.clear();
            expires.clear();
            name.setInvalid(false);
            showSecret(created.secret());
            refresh();
        } catch (AccountException e) {
            boolean aboutExpiry = e.getMessage().startsWith("expiresAt:");
            var field = aboutExpiry ? expires : name;
            if (aboutExpiry) expires.setErrorMessage(e.getMessage().replaceFirst("^expiresAt: ", ""));
            else name.setErrorMessage(e.getMessage().replaceFirst("^name: ", ""));
            field.setInvalid(true);
        }
    }

    private void showSecret(String secret) {
        var value = new TextField("New token — copy it now, it will not be shown again");
        value.setId("new-token-secret");
        value.setValue(secret);
        value.setReadOnly(true);
        value.setWidthFull();
        var copy = new Button("Copy", click -> getElement().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", secret));
        var done = new Button("Done", click -> {
            newTokenPanel.removeAll();
            newTokenPanel.setVisible(false);
        });
        newTokenPanel.removeAll();
        newTokenPanel.add(value, new HorizontalLayout(copy, done));
        newTokenPanel.addClassName("new-token");
        newTokenPanel.setVisible(true);
    }

    private Grid<TokenSummary> configureGrid(Grid<TokenSummary> grid, String id, String emptyText) {
        grid.setId(id);
        grid.addColumn(TokenSummary::name).setHeader("Name").setFlexGrow(2);
        grid.addColumn(token -> token.prefix() + "…").setHeader("Token");
        grid.addColumn(token -> format(token.createdAt())).setHeader("Created");
        grid.addColumn(token -> token.lastUsedAt() == null ? "never" : format(token.lastUsedAt())).setHeader("Last used");
        grid.addColumn(token -> token.expiresAt() == null ? "never" : format(token.expiresAt())).setHeader("Expires");
        grid.addComponentColumn(token -> {
            var revoke = new Button("Revoke", click -> confirmRevoke(token));
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            return revoke;
        }).setHeader("").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText(emptyText);
        return grid;
    }

    private void confirmRevoke(TokenSummary token) {
        var dialog = new ConfirmDialog();
        dialog.setHeader("Revoke “" + token.name() + "”?");
        dialog.setText("Programs using this token will no longer get in.");
        dialog.setCancelable(true);
        var revoke = new Button("Revoke", click -> {
            tokens.revoke(user.id(), token.id());
            dialog.close();
            refresh();
            Notification.show("Token “" + token.name() + "” revoked.", 4000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        });
        revoke.setId("confirm-revoke");
        revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.setConfirmButton(revoke);
        dialog.open();
    }

    private void refresh() {
        List<TokenSummary> active = tokens.listActive(user.id());
        grid.setItems(active.stream().filter(token -> !token.isLogin()).toList());
        loginGrid.setItems(active.stream().filter(TokenSummary::isLogin).toList());
    }

    private static String format(@Nullable Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }
}
