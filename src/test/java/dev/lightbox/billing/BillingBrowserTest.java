package dev.lightbox.billing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.AppRunner;
import dev.lightbox.support.Browser;
import dev.lightbox.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Billing page in Chromium, at phone width and in dark mode: the balance and history after an admin's grant
 * (given on the Users page), a pack bought through Stripe Checkout (a loopback Stripe; Stripe's hosted page is
 * played by the browser's router), the return page following the balance until the signed webhook credits it.
 */
class BillingBrowserTest {

    private static StripeApiStub stripe;
    private static ConfigurableApplicationContext app;
    private static ApiClient api;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        stripe = new StripeApiStub(StripeCheckoutTest.SECRET_KEY);
        app = AppRunner.start(IntegrationTest.newDataDir("billing-browser"), "lightbox.stripe.secret-key=" + StripeCheckoutTest.SECRET_KEY,
                "lightbox.stripe.webhook-secret=" + StripeCheckoutTest.WEBHOOK_SECRET, "lightbox.stripe.api-base=" + stripe.url());
        api = AppRunner.api(app);
        base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        if (stripe != null) stripe.close();
    }

    @Test
    void anAdminGrantsCreditsAndTheUserBuysAPackAndSeesTheBalanceAndHistory() throws Exception {
        api.signUp(IntegrationTest.ADMIN_EMAIL, IntegrationTest.ADMIN_PASSWORD); // the first account is the admin
        var user = api.newUser();
        try (Browser browser = Browser.launch()) {
            BrowserContext adminContext = browser.newContext(1280, 800);
            Page admin = adminContext.newPage();
            admin.setDefaultTimeout(20_000);
            logIn(admin, IntegrationTest.ADMIN_EMAIL, IntegrationTest.ADMIN_PASSWORD);
            admin.navigate(base + "/admin/users");
            // the grid may render its rows again right after the first load (the click then lands on a replaced
            // button and is dropped): click until the dialog is open
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofSeconds(3)).until(() -> {
                if (admin.locator("#credit-amount").isVisible()) return true;
                admin.locator("#credits-" + user.id()).click();
                return admin.locator("#credit-amount").isVisible();
            });
            admin.locator("#credit-amount input").fill("5");
            admin.locator("#credit-reason input").fill("Welcome to the lab");
            admin.locator("#credit-apply").click();
            assertThat(admin.locator("vaadin-notification-card")).containsText(user.email() + " now has 5 credits.");
            adminContext.close();

            BrowserContext context = browser.newContext(390, 844); // phone width
            Page page = context.newPage();
            page.setDefaultTimeout(20_000);
            logIn(page, user.email(), ApiClient.USER_PASSWORD);
            page.navigate(base + "/billing");
            page.evaluate("() => document.documentElement.setAttribute('theme', 'dark')");
            assertThat(page.locator("#credit-balance")).hasText("5 credits");
            assertThat(page.locator("#credit-history vaadin-grid-cell-content")).containsText(new String[] {"grant", "+5", "Welcome to the lab"});
            assertThat(page.locator("#buying-off")).hasCount(0);
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "billing-phone-dark.png")).setFullPage(true));

            // Stripe's hosted checkout page, played by the browser's router (no network here)
            page.route("https://checkout.stripe.com/**", (Route route) -> route.fulfill(new Route.FulfillOptions()
                    .setContentType("text/html").setBody("<html><body><h1 id='stripe-checkout'>Stripe Checkout</h1></body></html>")));
            page.locator("#buy-p100").click();
            page.waitForURL(Pattern.compile("^https://checkout\\.stripe\\.com/c/pay/cs_test_.*"));
            var created = stripe.calls().getLast();
            assertThat(created.fields()).containsEntry("success_url", base + "/billing?checkout=success")
                    .containsEntry("line_items[0][price_data][unit_amount]", "200");
            String sessionId = page.url().substring(page.url().lastIndexOf('/') + 1);

            page.navigate(base + "/billing?checkout=success"); // where Stripe sends the buyer back
            assertThat(page.locator("#checkout-notice")).containsText("as soon as Stripe confirms the payment");
            String event = StripeEvents.event("checkout.session.completed", sessionId, "paid");
            assertThat(postWebhook(event, StripeEvents.signature(event, StripeCheckoutTest.WEBHOOK_SECRET))).isEqualTo(200);
            assertThat(page.locator("#checkout-notice")).hasText("Payment received: your balance is now 105 credits.",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(30_000));
            assertThat(page.locator("#credit-balance")).hasText("105 credits");
            assertThat(page.locator("#credit-history vaadin-grid-cell-content")).containsText(new String[] {"purchase", "+100", "grant", "+5"});
            assertThat(page.locator("#credit-balance-chart polyline.line-balance")).hasAttribute("data-points", "2");
            page.evaluate("() => document.documentElement.setAttribute('theme', 'dark')");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "billing-bought-phone-dark.png")).setFullPage(true));
            context.close();
        }
        assertThat(api.get("/api/v1/credits", user.token()).json().get("balance").asLong()).isEqualTo(105);
    }

    private static void logIn(Page page, String email, String password) {
        page.navigate(base + "/login");
        page.locator("vaadin-login-form input[name='username']").fill(email);
        page.locator("vaadin-login-form input[name='password']").fill(password);
        page.locator("vaadin-login-form input[name='password']").press("Enter");
        assertThat(page.locator("#timeline-view")).isVisible();
    }

    private static int postWebhook(String payload, String signature) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + "/api/v1/billing/webhook")).header("Content-Type", "application/json")
                .header("Stripe-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(payload)).build();
        try (var http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        }
    }
}
