package dev.lightbox.billing;

import dev.lightbox.billing.service.CreditPack;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code LIGHTBOX_BILLING_PACKS} ({@code credits:price-in-cents,…}, default {@code 100:200,500:800,2000:2500}) and
 * {@code LIGHTBOX_BILLING_CURRENCY} (default {@code usd}). A value that cannot be read stops startup with one sentence.
 */
@ConfigurationProperties("lightbox.billing")
public record BillingProperties(String packs, String currency) {

    public static final String DEFAULT_PACKS = "100:200,500:800,2000:2500";
    private static final Pattern PACK = Pattern.compile("\\s*(\\d{1,9})\\s*:\\s*(\\d{1,8})\\s*");
    private static final Pattern CURRENCY = Pattern.compile("[a-z]{3}");

    @SuppressWarnings("NullAway") // Spring binds an absent setting as null; the defaults are filled in here
    public BillingProperties {
        if (packs == null || packs.isBlank()) packs = DEFAULT_PACKS;
        currency = currency == null || currency.isBlank() ? "usd" : currency.strip().toLowerCase(Locale.ROOT);
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("LIGHTBOX_BILLING_CURRENCY must be a three-letter ISO currency code such as usd or eur, not \""
                    + currency + "\"");
        }
        parse(packs, currency);
    }

    /** The packs on sale, in the order given; ids are {@code p} + credits ({@code p100}), stable while the credits stay. */
    public List<CreditPack> creditPacks() {
        return parse(packs, currency);
    }

    private static List<CreditPack> parse(String packs, String currency) {
        List<CreditPack> result = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (String item : packs.split(",", -1)) {
            var match = PACK.matcher(item);
            if (!match.matches()) {
                throw new IllegalArgumentException("LIGHTBOX_BILLING_PACKS must be a comma-separated list of credits:price-in-cents "
                        + "such as " + DEFAULT_PACKS + ", and \"" + item.strip() + "\" is not one");
            }
            long credits = Long.parseLong(match.group(1));
            long amount = Long.parseLong(match.group(2));
            if (credits == 0 || amount == 0) {
                throw new IllegalArgumentException("LIGHTBOX_BILLING_PACKS: a pack needs at least one credit and a price above 0, and \""
                        + item.strip() + "\" has not");
            }
            if (!seen.add(credits)) {
                throw new IllegalArgumentException("LIGHTBOX_BILLING_PACKS lists two packs of " + credits + " credits; each pack needs its own size");
            }
            result.add(new CreditPack("p" + credits, credits, amount, currency));
        }
        return List.copyOf(result);
    }
}
