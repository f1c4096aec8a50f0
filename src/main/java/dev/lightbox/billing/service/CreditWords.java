package dev.lightbox.billing.service;

/** How a number of credits reads: "1 credit", "5 credits" (the Billing page, prices on buttons, the 402's detail). */
public final class CreditWords {

    private CreditWords() {
    }

    public static String count(long credits) {
        return credits + (credits == 1 ? " credit" : " credits");
    }
}
