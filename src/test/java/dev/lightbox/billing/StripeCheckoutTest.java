package dev.lightbox.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.billing.service.CreditEntry;
import dev.lightbox.billing.service.CreditKind;
import dev.lightbox.billing.service.CreditService;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.AppRunner;
import dev.lightbox.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Buying credits end to end against a loopback Stripe: the checkout is created on the stub with what Stripe needs and
 * recorded with buyer and pack; signed webhook events credit the pack exactly once per session, from our record; a
 * replay, a forged, stale or missing signature, an unpaid completion and an unknown session credit nothing.
 */
class StripeCheckoutTest {

    static final String SECRET_KEY = "sk_test_51LightboxStubKey0123456789";
    static final String WEBHOOK_SECRET = "whsec_lightboxTestSigningSecret0123456789";
    private static StripeApiStub stripe;
    private static ConfigurableApplicationContext app;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        stripe = new StripeApiStub(SECRET_KEY);
        app = AppRunner.start(IntegrationTest.newDataDir("stripe"), "lightbox.stripe.secret-key=" + SECRET_KEY,
                "lightbox.stripe.webhook-secret=" + WEBHOOK_SECRET, "lightbox.stripe.api-base=" + stripe.url(),
                "lightbox.public-url=https://photos.example.test/");
        api = AppRunner.api(app);
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        if (stripe != null) stripe.close();
    }

    // ---- helpers

    private record Webhook(int status, String body) {
    }

    private static Webhook postEvent(String payload, String signature) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.getEnvironment().getProperty("local.server.port")
                + "/api/v1/billing/webhook")).header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (signature != null) request.header("Stripe-Signature", signature);
        try (var http = HttpClient.newHttpClient()) {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Webhook(response.statusCode(), response.body());
        }
    }

    private static Webhook postSigned(String payload) throws Exception {
        return postEvent(payload, StripeEvents.signature(payload, WEBHOOK_SECRET));
    }

    private static String checkout(ApiClient.User user, String pack) {
        var started = api.post("/api/v1/billing/checkout", Map.of("pack", pack), user.token());
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        return started.json().get("sessionId").asString();
    }

    /** Read through the ledger's service (its REST API is tested with the ledger). */
    private static long balance(ApiClient.User user) {
        return app.getBean(CreditService.class).balance(user.id()).balance();
    }

    private static List<CreditEntry> entries(ApiClient.User user) {
        return app.getBean(CreditService.class).entries(user.id(), null, 200).items();
    }

    private static String status(String sessionId) {
        return app.getBean(JdbcClient.class).sql("select status from stripe_checkouts where session_id = ?").param(sessionId)
                .query(String.class).optional().orElse("absent");
    }

    private static long checkoutRows(UUID userId) {
        return app.getBean(JdbcClient.class).sql("select count(*) from stripe_checkouts where user_id = ?").param(userId)
                .query(Long.class).single();
    }

    // ---- tests

    @Test
    void plansAreTheConfiguredPacks() {
        var user = api.newUser();
        var plans = api.get("/api/v1/billing/plans", user.token());
        assertThat(plans.status()).isEqualTo(200);
        assertThat(plans.json().toString()).isEqualTo("[{\"id\":\"p100\",\"credits\":100,\"amount\":200,\"currency\":\"usd\"},"
                + "{\"id\":\"p500\",\"credits\":500,\"amount\":800,\"currency\":\"usd\"},"
                + "{\"id\":\"p2000\",\"credits\":2000,\"amount\":2500,\"currency\":\"usd\"}]");
    }

    @Test
    void checkoutCreatesASessionOnStripeAndRecordsIt() {
        var user = api.newUser();
        int before = stripe.calls().size();
        var started = api.post("/api/v1/billing/checkout", Map.of("pack", "p500"), user.token());
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String sessionId = started.json().get("sessionId").asString();
        assertThat(sessionId).startsWith("cs_test_");
        assertThat(started.json().get("url").asString()).isEqualTo("https://checkout.stripe.com/c/pay/" + sessionId);

        var calls = stripe.calls().subList(before, stripe.calls().size());
        assertThat(calls).hasSize(1);
        var call = calls.getFirst();
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/v1/checkout/sessions");
        assertThat(call.authorization()).isEqualTo("Bearer " + SECRET_KEY);
        assertThat(call.fields())
                .containsEntry("mode", "payment")
                .containsEntry("line_items[0][quantity]", "1")
                .containsEntry("line_items[0][price_data][currency]", "usd")
                .containsEntry("line_items[0][price_data][unit_amount]", "800")
                .containsEntry("line_items[0][price_data][product_data][name]", "500 Lightbox credits")
                .containsEntry("success_url", "https://photos.example.test/billing?checkout=success")
                .containsEntry("cancel_url", "https://photos.example.test/billing?checkout=cancelled")
                .containsEntry("client_reference_id", user.id().toString())
                .containsEntry("metadata[userId]", user.id().toString())
                .containsEntry("metadata[pack]", "p500");

        var row = app.getBean(JdbcClient.class)
                .sql("select user_id, pack_id, credits, amount, currency, status, completed_at from stripe_checkouts where session_id = ?")
                .param(sessionId).query().singleRow();
        assertThat(row).containsEntry("user_id", user.id()).containsEntry("pack_id", "p500").containsEntry("credits", 500L)
                .containsEntry("amount", 800L).containsEntry("currency", "usd").containsEntry("status", "open");
        assertThat(row.get("completed_at")).isNull();
        assertThat(balance(user)).as("starting a checkout credits nothing").isZero();
    }

    @Test
    void aPaidCompletedSessionIsCreditedOnceAndAReplayCreditsNothing() throws Exception {
        var user = api.newUser();
        String sessionId = checkout(user, "p100");
        String completed = StripeEvents.event("checkout.session.completed", sessionId, "paid");
        String signature = StripeEvents.signature(completed, WEBHOOK_SECRET);

        assertThat(postEvent(completed, signature).status()).isEqualTo(200);
        assertThat(balance(user)).isEqualTo(100);
        var entries = entries(user);
        assertThat(entries).hasSize(1);
        assertThat(entries.getFirst().kind()).isEqualTo(CreditKind.PURCHASE);
        assertThat(entries.getFirst().amount()).isEqualTo(100);
        assertThat(entries.getFirst().balanceAfter()).isEqualTo(100);
        assertThat(entries.getFirst().reference()).isEqualTo(sessionId);
        assertThat(entries.getFirst().reason()).isEqualTo("Bought 100 credits");
        assertThat(status(sessionId)).isEqualTo("paid");

        assertThat(postEvent(completed, signature).status()).as("the same delivery again").isEqualTo(200);
        assertThat(postSigned(completed).status()).as("Stripe's retry, signed anew").isEqualTo(200);
        assertThat(postSigned(StripeEvents.event("checkout.session.completed", sessionId, "paid")).status())
                .as("another event for the same session").isEqualTo(200);
        assertThat(postSigned(StripeEvents.event("checkout.session.async_payment_succeeded", sessionId, "paid")).status()).isEqualTo(200);
        assertThat(balance(user)).isEqualTo(100);
        assertThat(entries(user)).hasSize(1);
    }

    @Test
    void parallelDeliveriesForOneSessionCreditItOnce() throws Exception {
        var user = api.newUser();
        String sessionId = checkout(user, "p2000");
        String completed = StripeEvents.event("checkout.session.completed", sessionId, "paid");
        String signature = StripeEvents.signature(completed, WEBHOOK_SECRET);
        List<Callable<Integer>> deliveries = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            deliveries.add(() -> postEvent(completed, signature).status());
            String other = StripeEvents.event(i % 2 == 0 ? "checkout.session.completed" : "checkout.session.async_payment_succeeded", sessionId, "paid");
            deliveries.add(() -> postSigned(other).status());
        }
        try (var pool = Executors.newFixedThreadPool(20)) {
            for (var status : pool.invokeAll(deliveries)) assertThat(status.get()).isEqualTo(200);
        }
        assertThat(balance(user)).isEqualTo(2000);
        assertThat(entries(user)).hasSize(1);
    }

    @Test
    void theCreditsComeFromOurRecordNeverFromTheEvent() throws Exception {
        var user = api.newUser();
        String sessionId = checkout(user, "p100");
        var other = api.newUser();
        String claims = StripeEvents.event("checkout.session.completed", sessionId, "paid", StripeEvents.API_VERSION,
                Map.of("client_reference_id", other.id().toString(), "metadata", Map.of("userId", other.id().toString(), "pack", "p2000"),
                        "amount_total", 2500));
        assertThat(postSigned(claims).status()).isEqualTo(200);
        assertThat(balance(user)).isEqualTo(100);
        assertThat(balance(other)).isZero();
    }

    @Test
    void forgedStaleOrMissingSignaturesAre400AndCreditNothing() throws Exception {
        var user = api.newUser();
        String sessionId = checkout(user, "p100");
        String completed = StripeEvents.event("checkout.session.completed", sessionId, "paid");
        long now = System.currentTimeMillis() / 1000;

        assertThat(postEvent(completed, StripeEvents.signature(completed, "whsec_someoneElsesSecret")).status()).as("forged").isEqualTo(400);
        assertThat(postEvent(completed, StripeEvents.signature(completed, WEBHOOK_SECRET, now - 400)).status()).as("stale").isEqualTo(400);
        assertThat(postEvent(completed, null).status()).as("missing").isEqualTo(400);
        assertThat(postEvent(completed, "").status()).as("empty").isEqualTo(400);
        assertThat(postEvent(completed, "t=" + now).status()).as("no v1").isEqualTo(400);
        assertThat(postEvent(completed, "t=soon,v1=00").status()).as("not a timestamp").isEqualTo(400);
        assertThat(postEvent(completed, "v1").status()).as("no value").isEqualTo(400);
        String other = StripeEvents.event("checkout.session.completed", sessionId, "paid");
        assertThat(postEvent(completed, StripeEvents.signature(other, WEBHOOK_SECRET)).status()).as("another body's signature").isEqualTo(400);
        var refused = postEvent(completed, StripeEvents.signature(completed, WEBHOOK_SECRET, now - 400));
        assertThat(refused.body()).contains("Stripe-Signature").doesNotContain(WEBHOOK_SECRET);

        assertThat(balance(user)).isZero();
        assertThat(entries(user)).isEmpty();
        assertThat(status(sessionId)).isEqualTo("open");
        assertThat(postSigned(completed).status()).as("the genuine delivery still counts").isEqualTo(200);
        assertThat(balance(user)).isEqualTo(100);
    }

    @Test
    void anUnpaidCompletionCreditsNothingUntilTheAsyncPaymentSucceeds() throws Exception {
        var user = api.newUser();
        String sessionId = checkout(user, "p500");
        assertThat(postSigned(StripeEvents.event("checkout.session.completed", sessionId, "unpaid")).status()).isEqualTo(200);
        assertThat(balance(user)).isZero();
        assertThat(status(sessionId)).isEqualTo("open");

        String succeeded = StripeEvents.event("checkout.session.async_payment_succeeded", sessionId, "paid");
        assertThat(postSigned(succeeded).status()).isEqualTo(200);
        assertThat(balance(user)).isEqualTo(500);
        assertThat(postSigned(succeeded).status()).isEqualTo(200);
        assertThat(postSigned(StripeEvents.event("checkout.session.async_payment_succeeded", sessionId, "paid")).status()).isEqualTo(200);
        assertThat(balance(user)).isEqualTo(500);
        assertThat(entries(user)).hasSize(1);
    }

    @Test
    void anEventOfAnotherApiVersionIsStillCredited() throws Exception {
        var user = api.newUser();
        String sessionId = checkout(user, "p100");
        // a webhook endpoint created before this library's pinned version sends its events in the older shape
        String completed = StripeEvents.event("checkout.session.completed", sessionId, "paid", "2024-06-20", Map.of());
        assertThat(postSigned(completed).status()).isEqualTo(200);
        assertThat(balance(user)).isEqualTo(100);
    }

    @Test
    void anUnknownSessionIsAnswered200AndCreditsNobody() throws Exception {
        var user = api.newUser();
        String unknown = "cs_test_" + UUID.randomUUID().toString().replace("-", "");
        String completed = StripeEvents.event("checkout.session.completed", unknown, "paid", StripeEvents.API_VERSION,
                Map.of("client_reference_id", user.id().toString(), "metadata", Map.of("userId", user.id().toString(), "pack", "p100")));
        assertThat(postSigned(completed).status()).isEqualTo(200);
        assertThat(balance(user)).isZero();
        assertThat(status(unknown)).isEqualTo("absent");
    }

    @Test
    void anExpiredSessionIsMarkedAndOtherEventTypesAreIgnored() throws Exception {
        var user = api.newUser();
        String sessionId = checkout(user, "p100");
        assertThat(postSigned(StripeEvents.event("checkout.session.expired", sessionId, "unpaid")).status()).isEqualTo(200);
        assertThat(status(sessionId)).isEqualTo("expired");
        assertThat(postSigned(StripeEvents.event("payment_intent.succeeded", sessionId, "paid")).status()).isEqualTo(200);
        assertThat(balance(user)).isZero();
    }

    @Test
    void hostileWebhookBodiesAreRefused() throws Exception {
        String notJson = "{not json";
        assertThat(postSigned(notJson).status()).isEqualTo(400);
        String huge = "{\"id\": \"evt_1\", \"pad\": \"" + "x".repeat(300 * 1024) + "\"}";
        assertThat(postSigned(huge).status()).isEqualTo(413);
        String noSession = "{\"id\":\"evt_" + UUID.randomUUID() + "\",\"object\":\"event\",\"type\":\"checkout.session.completed\",\"data\":{}}";
        assertThat(postSigned(noSession).status()).isEqualTo(400);
    }

    @Test
    void checkoutRefusesUnknownPacksAndStrangers() {
        var user = api.newUser();
        assertThat(api.post("/api/v1/billing/checkout", Map.of("pack", "p42"), user.token()).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/billing/checkout", Map.of(), user.token()).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/billing/checkout", "{not json", user.token()).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/billing/checkout", Map.of("pack", "p100"), null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/billing/plans", null).status()).isEqualTo(401);
        assertThat(checkoutRows(user.id())).isZero();
    }

    @Test
    void stripeAnswering500Is502AndRecordsNothing() {
        var user = api.newUser();
        int before = stripe.calls().size();
        stripe.failWith(500);
        ApiClient.Response refused;
        try {
            refused = api.post("/api/v1/billing/checkout", Map.of("pack", "p100"), user.token());
        } finally {
            stripe.failWith(0);
        }
        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.detail()).contains("Stripe").contains("nothing was charged").doesNotContain(SECRET_KEY);
        var calls = stripe.calls().subList(before, stripe.calls().size());
        assertThat(calls).as("one retry, under the same idempotency key").hasSize(2);
        assertThat(calls.get(1).idempotencyKey()).isEqualTo(calls.get(0).idempotencyKey()).isNotEqualTo("null");
        assertThat(checkoutRows(user.id())).isZero();
    }
}
