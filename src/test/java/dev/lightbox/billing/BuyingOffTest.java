package dev.lightbox.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Without a Stripe key (the default) the packs are still listed, buying answers 409 and the webhook takes no calls. */
class BuyingOffTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void plansAreListedButCheckoutIsRefused() {
        var api = api();
        var user = api.newUser();
        var plans = api.get("/api/v1/billing/plans", user.token());
        assertThat(plans.status()).isEqualTo(200);
        assertThat(plans.json().size()).isEqualTo(3);
        assertThat(plans.json().get(0).get("id").asString()).isEqualTo("p100");

        var refused = api.post("/api/v1/billing/checkout", Map.of("pack", "p100"), user.token());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.detail()).contains("not set up").contains("admin");
        assertThat(jdbc.sql("select count(*) from stripe_checkouts where user_id = ?").param(user.id()).query(Long.class).single()).isZero();

        var webhook = api.post("/api/v1/billing/webhook", "{}");
        assertThat(webhook.status()).isEqualTo(404);
        assertThat(webhook.detail()).contains("no Stripe webhook");
    }

    @Test
    void theApiDocumentListsBillingAndTheWebhookNeedsNoToken() {
        var paths = api().get("/api/v1/openapi", null).json().get("paths");
        assertThat(paths.has("/api/v1/billing/plans")).isTrue();
        assertThat(paths.has("/api/v1/billing/checkout")).isTrue();
        assertThat(paths.get("/api/v1/billing/webhook").get("post").get("security").values()).as("Stripe sends no token").isEmpty();
        assertThat(paths.get("/api/v1/billing/checkout").get("post").has("security")).as("buying needs one").isFalse();
    }
}
