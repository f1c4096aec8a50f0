package dev.lightbox.billing.service;

/** Stripe could not be reached or refused to create the Checkout Session: nothing was charged or recorded. Answered as 502. */
public class StripeUnavailableException extends RuntimeException {

    public StripeUnavailableException(Throwable cause) {
        super("Stripe could not start the payment right now; nothing was charged. Try again in a little while.", cause);
    }
}
