package dev.lightbox.account.service;

import dev.lightbox.account.AccountProperties;
import dev.lightbox.base.LightboxStartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * With LIGHTBOX_ADMIN_EMAIL and LIGHTBOX_ADMIN_PASSWORD set and no account yet, creates that admin at
 * startup, before the web server accepts requests (so no one can sign up first, and a login right after
 * the server answers works). A weak LIGHTBOX_ADMIN_PASSWORD stops startup even when accounts exist already,
 * so a weak secret never waits in the settings for the day the data directory starts empty.
 */
@Component
class AdminBootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AccountService accounts;
    private final PasswordPolicy passwordPolicy;
    private final AccountProperties props;

    AdminBootstrap(AccountService accounts, PasswordPolicy passwordPolicy, AccountProperties props) {
        this.accounts = accounts;
        this.passwordPolicy = passwordPolicy;
        this.props = props;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String email = props.admin().email();
        String password = props.admin().password();
        if (password != null && !password.isBlank()) {
            try {
                passwordPolicy.check(email == null ? "" : email, password);
            } catch (AccountException e) {
                throw new LightboxStartupException("LIGHTBOX_ADMIN_PASSWORD is refused: " + e.getMessage().replaceFirst("^password: ", ""),
                        "Set LIGHTBOX_ADMIN_PASSWORD to a stronger password, such as a few uncommon words.");
            }
        }
        if (email == null || email.isBlank() || password == null || password.isBlank()) return;
        if (accounts.hasAnyAccount()) {
            log.info("LIGHTBOX_ADMIN_EMAIL ignored: accounts already exist");
            return;
        }
        try {
            accounts.signUp(email, password); // the first account is the admin
        } catch (AccountException e) {
            throw new LightboxStartupException("LIGHTBOX_ADMIN_EMAIL / LIGHTBOX_ADMIN_PASSWORD rejected: " + e.getMessage(),
                    "Fix the admin email or password settings.", e);
        }
        log.info("Admin account created from LIGHTBOX_ADMIN_EMAIL");
    }
}
