package dev.lightbox.billing.service;

import dev.lightbox.account.service.AccountCreated;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Welcome credits ({@code LIGHTBOX_CREDITS_SIGNUP_GRANT}), granted in the transaction that creates the account. */
@Component
class SignupCredits {

    static final String REASON = "Welcome credits";

    private final CreditService credits;
    private final CreditsProperties settings;

    SignupCredits(CreditService credits, CreditsProperties settings) {
        this.credits = credits;
        this.settings = settings;
    }

    @EventListener
    void on(AccountCreated created) {
        credits.grant(created.userId(), settings.signupGrant(), REASON);
    }
}
