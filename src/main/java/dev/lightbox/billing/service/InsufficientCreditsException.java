package dev.lightbox.billing.service;

/** Paid work refused before anything was queued: the balance does not cover the price. Answered as 402. */
public class InsufficientCreditsException extends RuntimeException {

    private final long balance;
    private final long price;

    public InsufficientCreditsException(long balance, long price) {
        super("This costs " + CreditWords.count(price) + " and your balance is " + balance
                + ". Buy credits on the Billing page or ask your admin for some.");
        this.balance = balance;
        this.price = price;
    }

    public long balance() {
        return balance;
    }

    public long price() {
        return price;
    }
}
