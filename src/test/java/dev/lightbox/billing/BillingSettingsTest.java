package dev.lightbox.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.billing.service.CreditPack;
import dev.lightbox.support.AppRunner;
import dev.lightbox.support.IntegrationTest;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Billing and Stripe settings that cannot work stop startup with one sentence naming the setting (and never the key). */
class BillingSettingsTest {

    private static String messages(Throwable e) {
        var text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) text.append(t.getMessage()).append('\n');
        return text.toString();
    }

    @Test
    void packsDefaultAndParse() {
        assertThat(new BillingProperties(null, null).creditPacks()).containsExactly(new CreditPack("p100", 100, 200, "usd"),
                new CreditPack("p500", 500, 800, "usd"), new CreditPack("p2000", 2000, 2500, "usd"));
        assertThat(new BillingProperties(" 10:99 , 50:400", "EUR").creditPacks())
                .containsExactly(new CreditPack("p10", 10, 99, "eur"), new CreditPack("p50", 50, 400, "eur"));
    }

    @Test
    void malformedPacksOrCurrencyAreRefused() {
        for (String packs : new String[] {"100", "100:", "100:2x0", "100:200,", "0:200", "100:0", "100:200,100:300", "-1:200", "100:200;500:800",
                "9999999999:1"}) {
            assertThatThrownBy(() -> new BillingProperties(packs, null)).as(packs).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("LIGHTBOX_BILLING_PACKS");
        }
        assertThatThrownBy(() -> new BillingProperties(null, "dollars")).hasMessageContaining("LIGHTBOX_BILLING_CURRENCY");
    }

    @Test
    void aKeyNeedsAWebhookSecretAndMustBeASecretKey() {
        assertThatThrownBy(() -> new StripeProperties("sk_test_abc", null, null)).hasMessageContaining("LIGHTBOX_STRIPE_WEBHOOK_SECRET");
        assertThatThrownBy(() -> new StripeProperties("pk_test_abc", "whsec_x", null)).hasMessageContaining("LIGHTBOX_STRIPE_SECRET_KEY")
                .hasMessageNotContaining("pk_test_abc");
        assertThatThrownBy(() -> new StripeProperties("sk_test_abc", "whsec_x", URI.create("ftp://example.test")))
                .hasMessageContaining("LIGHTBOX_STRIPE_API_BASE");
        assertThat(new StripeProperties(null, "whsec_x", null).buyingEnabled()).as("a webhook secret alone still credits late payments").isFalse();
        assertThat(new StripeProperties("sk_test_abc", "whsec_x", null).toString()).doesNotContain("sk_test_abc").doesNotContain("whsec_x");
    }

    @Test
    void startupStopsWithTheSentence() {
        assertThatThrownBy(() -> AppRunner.start(IntegrationTest.newDataDir("stripe-nosecret"), "lightbox.stripe.secret-key=sk_test_only"))
                .satisfies(e -> assertThat(messages(e)).contains("LIGHTBOX_STRIPE_WEBHOOK_SECRET").doesNotContain("sk_test_only"));
    }

    /** The billing and Stripe settings bound as the app binds them (no database, no server), each refusal with its sentence. */
    @Test
    void boundSettingsThatCannotWorkAreRefused() {
        var billing = new ApplicationContextRunner().withUserConfiguration(BillingSettings.class);
        billing.withPropertyValues("lightbox.stripe.secret-key=sk_test_only").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("LIGHTBOX_STRIPE_WEBHOOK_SECRET").doesNotContain("sk_test_only");
        });
        billing.withPropertyValues("lightbox.billing.packs=100:two dollars").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("LIGHTBOX_BILLING_PACKS");
        });
        billing.withPropertyValues("lightbox.billing.packs=100:250", "lightbox.stripe.secret-key=sk_test_only", "lightbox.stripe.webhook-secret=whsec_x")
                .run(context -> assertThat(context).as("well-formed settings").hasNotFailed());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({BillingProperties.class, StripeProperties.class})
    static class BillingSettings {
    }
}
