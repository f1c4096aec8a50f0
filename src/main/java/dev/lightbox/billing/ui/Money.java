package dev.lightbox.billing.ui;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/** A price in the currency's smallest unit (cents) as people read it: "$8.00", "€25.00", "¥2,500". */
final class Money {

    private Money() {
    }

    static String format(long minorUnits, String currencyCode) {
        Currency currency;
        try {
            currency = Currency.getInstance(currencyCode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return minorUnits + " " + currencyCode;
        }
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        format.setCurrency(currency);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(BigDecimal.valueOf(minorUnits, digits));
    }
}
