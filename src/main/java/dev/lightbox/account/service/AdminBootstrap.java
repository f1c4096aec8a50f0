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
 * the server answers works).
 */
@Component
class AdminBootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AccountService accounts;
    private final AccountProperties props;

    AdminBootstrap(AccountService accounts, AccountProperties props) {
        this.accounts = accounts;
        this.props = props;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String email = props.admin().email();
        String password = props.admin().password();
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
