package dev.lightbox.account.ui;

import org.jspecify.annotations.Nullable;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.lightbox.account.service.AccountService;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;

/** Email and password form posting to Spring Security's {@code /login}; shows why a sign-in failed. */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Lightbox")
@AnonymousAllowed
public class LoginView extends Main implements BeforeEnterObserver {

    private final LoginForm form = new LoginForm();
    private final AuthenticationContext authentication;

    public LoginView(AccountService accounts, AuthenticationContext authentication) {
        this.authentication = authentication;
        addClassName("auth-page");
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        form.setI18n(i18n("Incorrect email or password."));
        add(new H1("◧ Lightbox"), form);
        if (accounts.isSignupOpen()) {
            var signup = new Anchor("signup", "Create an account");
            signup.setId("signup-link");
            add(new Paragraph(signup));
        }
    }

    private static LoginI18n i18n(@Nullable String errorMessage) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Sign in");
        i18n.getForm().setUsername("Email");
        i18n.getErrorMessage().setTitle("Could not sign in");
        i18n.getErrorMessage().setMessage(errorMessage == null ? "Check your email and password." : errorMessage);
        return i18n;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (authentication.isAuthenticated()) {
            event.forwardTo("");
            return;
        }
        if (event.getLocation().getQueryParameters().getParameters().containsKey("deleted")) {
            var gone = new Paragraph("Your account and everything in it have been deleted.");
            gone.setId("account-deleted");
            addComponentAtIndex(1, gone);
        }
        if (event.getLocation().getQueryParameters().getParameters().containsKey("error")) {
            var session = VaadinSession.getCurrent().getSession();
            if (session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof AuthenticationException e) {
                form.setI18n(i18n(e.getMessage()));
            }
            form.setError(true);
        }
    }
}
