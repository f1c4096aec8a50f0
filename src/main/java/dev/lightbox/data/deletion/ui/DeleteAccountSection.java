package dev.lightbox.data.deletion.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinServletResponse;
import com.vaadin.flow.server.VaadinSession;
import dev.lightbox.account.service.LoginThrottledException;
import dev.lightbox.account.ui.SettingsSection;
import dev.lightbox.base.ui.UiTasks;
import dev.lightbox.data.deletion.service.AccountDeletionService;
import dev.lightbox.data.deletion.service.DeletionRefusedException;
import dev.lightbox.data.deletion.service.WrongPasswordException;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;

/**
 * "Delete account" at the end of the Settings page: what goes, the password, a confirmation. The deletion runs off
 * the session lock; then this session signs out and lands on the login page, which says the account is gone.
 */
@org.springframework.stereotype.Component
class DeleteAccountSection implements SettingsSection {

    private static final Logger log = LoggerFactory.getLogger(DeleteAccountSection.class);

    private final AccountDeletionService deletion;
    private final UiTasks tasks;

    DeleteAccountSection(AccountDeletionService deletion, UiTasks tasks) {
        this.deletion = deletion;
        this.tasks = tasks;
    }

    @Override
    public int order() {
        return 1000; // last: the one thing on the page that cannot be undone
    }

    @Override
    public Component create(UUID userId) {
        return new Panel(userId);
    }

    private final class Panel extends Div {
        private final UUID userId;
        private final PasswordField password = new PasswordField("Your password");
        private final Button delete = new Button("Delete account…");
        private final ProgressBar working = new ProgressBar();

        Panel(UUID userId) {
            this.userId = userId;
            setId("delete-account-section");
            password.setId("delete-account-password");
            password.setHelperText("To confirm it is you.");
            delete.setId("delete-account");
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
            delete.addClickListener(click -> confirm());
            working.setIndeterminate(true);
            working.setVisible(false);
            var form = new HorizontalLayout(password, delete);
            form.setAlignItems(HorizontalLayout.Alignment.BASELINE);
            form.setWrap(true);
            add(new H2("Delete account"),
                new Paragraph("Deleting your account removes everything of yours on this server: your photos and their originals "
                        + "(an original another account also uploaded stays for them), analyses, scores, labels and ratings, scoring "
                        + "configs, models, skin diary, transforms, exports, credits and their history, API tokens and the Telegram "
                        + "link. Your running jobs are cancelled and you are signed out everywhere. This cannot be undone."),
                form, working);
        }

        private void confirm() {
            if (password.getValue().isEmpty()) {
                password.setErrorMessage("Enter your password.");
                password.setInvalid(true);
                return;
            }
            var dialog = new ConfirmDialog();
            dialog.setHeader("Delete your account?");
            dialog.setText("Everything of yours on this server is deleted for good. There is no undo.");
            dialog.setCancelable(true);
            dialog.setConfirmText("Delete for good");
            dialog.setConfirmButtonTheme("error primary");
            dialog.addConfirmListener(event -> run());
            dialog.open();
        }

        private void run() {
            UI ui = UI.getCurrent();
            String given = password.getValue();
            String thisSession = VaadinSession.getCurrent().getSession().getId();
            String address = Objects.requireNonNullElse(VaadinSession.getCurrent().getBrowser().getAddress(), "");
            delete.setEnabled(false);
            password.setInvalid(false);
            working.setVisible(true);
            tasks.run(() -> {
                try {
                    deletion.deleteOwn(userId, given, address, thisSession);
                    UiTasks.push(ui, () -> signOut(ui));
                } catch (WrongPasswordException | DeletionRefusedException | LoginThrottledException e) {
                    UiTasks.push(ui, () -> refused(String.valueOf(e.getMessage())));
                } catch (RuntimeException e) {
                    log.warn("Deleting account {} failed: {}", userId, e.toString());
                    UiTasks.push(ui, () -> refused("The account could not be deleted just now; try again."));
                }
            });
        }

        private void refused(String message) {
            working.setVisible(false);
            delete.setEnabled(true);
            password.setErrorMessage(message);
            password.setInvalid(true);
        }

        /** A round trip from the browser, so the sign-out runs in a request of this session: it ends the session, then leaves. */
        private void signOut(UI ui) {
            ui.getPage().executeJs("return 0").then(ignored -> {
                ui.getPage().setLocation("login?deleted");
                var request = VaadinServletRequest.getCurrent();
                var response = VaadinServletResponse.getCurrent();
                if (request != null && response != null) {
                    new SecurityContextLogoutHandler().logout(request.getHttpServletRequest(), response.getHttpServletResponse(),
                            SecurityContextHolder.getContext().getAuthentication());
                }
            });
        }
    }
}
