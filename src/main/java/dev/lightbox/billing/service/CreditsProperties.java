package dev.lightbox.billing.service;

import dev.lightbox.base.LightboxStartupException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code LIGHTBOX_CREDITS_SIGNUP_GRANT}: credits every new account starts with (0 = none);
 * {@code LIGHTBOX_CREDITS_PRICE_VISION}: what one remote vision description costs (default 1 per photo).
 */
@ConfigurationProperties("lightbox.credits")
public record CreditsProperties(@DefaultValue("0") long signupGrant, @DefaultValue("1") long priceVision) {

    public CreditsProperties {
        refuseNegative("LIGHTBOX_CREDITS_SIGNUP_GRANT", signupGrant);
        refuseNegative("LIGHTBOX_CREDITS_PRICE_VISION", priceVision);
    }

    private static void refuseNegative(String setting, long value) {
        if (value < 0) {
            throw new LightboxStartupException(setting + " is " + value + ", but a number of credits cannot be negative.",
                    "Set " + setting + " to 0 or more.");
        }
    }
}
