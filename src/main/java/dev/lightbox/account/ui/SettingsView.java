package dev.lightbox.account.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.lightbox.account.service.AccountException;
import dev.lightbox.account.service.ApiTokenService;
import dev.lightbox.account.service.ApiTokenService.TokenSummary;
import dev.lightbox.base.security.CurrentUser;
import dev.lightbox.base.security.LightboxUser;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import org.jspecify.annotations.Nullable;

/** The user's account and API tokens: create (secret shown once), list, revoke. */
@Route("settings")
@PageTitle("Settings")
@Menu(order = 90, icon = "vaadin:cog", title = "Settings")
@PermitAll
public class SettingsView extends Main {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault());

    private final ApiTokenService tokens;
    private final LightboxUser user;
    private final Grid<TokenSummary> grid = new Grid<>(TokenSummary.class, false);
    private final Div newTokenPanel = new Div();

    public SettingsView(ApiTokenService tokens) {
        this.tokens = tokens;
        this.user = CurrentUser.require();
        setId("settings-view");
        addClassName("page");
        add(new H2("Account"),
            new Paragraph("Email: " + user.email() + " · Roles: " + String.join(", ", user.roles())),
            new H2("API tokens"),
            new Paragraph("Use a token as 'Authorization: Bearer <token>' with the REST API at /api/v1."),
            createForm(), newTokenPanel, configureGrid());
        newTokenPanel.setVisible(false);
        refresh();
    }

    private HorizontalLayout createForm() {
        var name = new TextField("Token name");
        name.setId("token-name");
        name.setPlaceholder("e.g. laptop script");
        name.setMaxLength(ApiTokenService.MAX_NAME_LENGTH);
        var create = new Button("Create token", click -> create(name));
        create.setId("create-token");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        name.addKeyPressListener(Key.ENTER, e -> create(name));
        var form = new HorizontalLayout(name, create);
        form.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        form.setWrap(true);
        return form;
    }

    private void create(TextField name) {
        try {
            var created = tokens.create(user.id(), name.getValue());
            name.clear();
            name.setInvalid(false);
            showSecret(created.secret());
            refresh();
        } catch (AccountException e) {
            name.setErrorMessage(e.getMessage().replaceFirst("^name: ", ""));
            name.setInvalid(true);
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

    private Grid<TokenSummary> configureGrid() {
        grid.setId("token-grid");
        grid.addColumn(TokenSummary::name).setHeader("Name").setFlexGrow(2);
        grid.addColumn(token -> token.prefix() + "…").setHeader("Token");
        grid.addColumn(token -> format(token.createdAt())).setHeader("Created");
        grid.addColumn(token -> token.lastUsedAt() == null ? "never" : format(token.lastUsedAt())).setHeader("Last used");
        grid.addComponentColumn(token -> {
            var revoke = new Button("Revoke", click -> confirmRevoke(token));
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            return revoke;
        }).setHeader("").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No API tokens yet.");
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
        grid.setItems(tokens.listActive(user.id()));
    }

    private static String format(@Nullable Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }
}
