package dev.lightbox.account.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.lightbox.account.service.AccountException;
import dev.lightbox.account.service.AccountService;

/**
 * Creates an account, then signs in through the same {@code /login} form post the login view uses,
 * so the new user lands in the app without typing the password again (with the page's CSRF token, as
 * Vaadin's login form sends it).
 */
@Route(value = "signup", autoLayout = false)
@PageTitle("Create account · Lightbox")
@AnonymousAllowed
public class SignupView extends Main implements BeforeEnterObserver {

    private final AccountService accounts;
    private final AuthenticationContext authentication;
    private final EmailField email = new EmailField("Email");
    private final PasswordField password = new PasswordField("Password");
    private final PasswordField confirm = new PasswordField("Repeat password");

    public SignupView(AccountService accounts, AuthenticationContext authentication) {
        this.accounts = accounts;
        this.authentication = authentication;
        addClassName("auth-page");
        email.setId("signup-email");
        email.setRequiredIndicatorVisible(true);
        password.setId("signup-password");
        password.setHelperText("At least " + AccountService.MIN_PASSWORD_LENGTH + " characters and hard to guess: a few uncommon words work well");
        confirm.setId("signup-confirm");
        var create = new Button("Create account", click -> submit());
        create.setId("signup-submit");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickShortcut(Key.ENTER);
        var card = new Div(new H2("Create your account"), email, password, confirm, create,
                new Paragraph(new Anchor("login", "I already have an account")));
        card.addClassName("auth-card");
        if (!accounts.hasAnyAccount()) {
            card.addComponentAtIndex(1, new Paragraph("You are the first user: this account will be the server's admin."));
        }
        add(new H1("◧ Lightbox"), card);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (authentication.isAuthenticated()) event.forwardTo("");
        else if (!accounts.isSignupOpen()) event.forwardTo(LoginView.class);
    }

    private void submit() {
        email.setInvalid(false);
        password.setInvalid(false);
        confirm.setInvalid(false);
        if (!password.getValue().equals(confirm.getValue())) {
            confirm.setErrorMessage("The passwords do not match.");
            confirm.setInvalid(true);
            return;
        }
        try {
            accounts.signUp(email.getValue(), password.getValue());
        } catch (AccountException e) {
            var field = e.getMessage().startsWith("password") ? password : email;
            field.setErrorMessage(e.getMessage().replaceFirst("^(email|password): ", ""));
            field.setInvalid(true);
            return;
        }
        getElement().executeJs("""
                const form = document.createElement('form');
                form.method = 'POST';
                form.action = 'login';
                const fields = [['username', $0], ['password', $1]];
                const csrfName = document.querySelector('meta[name=_csrf_parameter]');
                const csrfValue = document.querySelector('meta[name=_csrf]');
                if (csrfName && csrfValue) fields.push([csrfName.content, csrfValue.content]);
                for (const [name, value] of fields) {
                  const input = document.createElement('input');
                  input.type = 'hidden'; input.name = name; input.value = value;
                  form.appendChild(input);
                }
                document.body.appendChild(form);
                form.submit();
                """, email.getValue().trim(), password.getValue());
    }
}
