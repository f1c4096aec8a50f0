package dev.lightbox.vision;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.lightbox.billing.service.CreditService;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.AppRunner;
import dev.lightbox.support.Browser;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Describe with AI in Chromium at phone width and in dark mode: on the photo page (price shown, live progress,
 * the caption, tags and aesthetic mark once the loopback model answered), for a timeline selection until the
 * credits run out, and the timeline's search box finding photos by a caption word.
 */
class VisionBrowserTest {

    private static ChatCompletionsStub stub;
    private static ConfigurableApplicationContext app;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        stub = new ChatCompletionsStub();
        app = AppRunner.start(IntegrationTest.newDataDir("vision-browser"), "lightbox.vision.url=" + stub.baseUrl(),
                "lightbox.vision.model=" + VisionDescribeTest.MODEL, "lightbox.vision.timeout=10s",
                "lightbox.admin.email=" + IntegrationTest.ADMIN_EMAIL, "lightbox.admin.password=" + IntegrationTest.ADMIN_PASSWORD);
        base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        if (stub != null) stub.close();
    }

    @Test
    void aPhotoIsDescribedOnItsPageThenASelectionUntilTheCreditsRunOutAndSearchFindsTheCaption() {
        ApiClient api = AppRunner.api(app);
        String adminToken = api.login(IntegrationTest.ADMIN_EMAIL, IntegrationTest.ADMIN_PASSWORD);
        UUID adminId = UUID.fromString(api.get("/api/v1/auth/me", adminToken).json().get("id").asString());
        var user = api.newUser();
        app.getBean(CreditService.class).adjustByAdmin(adminId, user.id(), 2, "to try Describe with AI");
        String[] photos = new String[3];
        for (int i = 0; i < photos.length; i++) {
            var uploaded = api.upload("photo-" + i + ".jpg", TestImages.jpeg(900, 600, 7_700 + i), user.token());
            assertThat(uploaded.status()).as(uploaded.body()).isIn(200, 201);
            photos[i] = uploaded.json().get("id").asString();
        }

        try (Browser browser = Browser.launch()) {
            BrowserContext context = browser.newContext(390, 844); // phone width
            Page page = context.newPage();
            page.setDefaultTimeout(20_000);
            page.navigate(base + "/login");
            page.locator("vaadin-login-form input[name='username']").fill(user.email());
            page.locator("vaadin-login-form input[name='password']").fill(ApiClient.USER_PASSWORD);
            page.locator("vaadin-login-form input[name='password']").press("Enter");
            assertThat(page.locator("#timeline-view")).isVisible();

            page.navigate(base + "/photos/" + photos[0]);
            page.evaluate("() => document.documentElement.setAttribute('theme', 'dark')");
            assertThat(page.locator("#vision-describe")).hasText("Describe with AI (1 credit)");
            page.locator("#vision-describe").click();
            assertThat(page.locator("#vision-caption")).hasText(ChatCompletionsStub.CAPTION);
            assertThat(page.locator("#vision-tags span")).hasCount(ChatCompletionsStub.TAGS.size());
            assertThat(page.locator("#vision-description")).containsText(ChatCompletionsStub.AESTHETIC + " / 10");
            assertThat(page.locator("#vision-describe")).hasCount(0); // described by the configured model: nothing more to buy
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "vision-photo-phone-dark.png")));
            assertThat(stub.received()).hasSize(1);

            // one credit left for two photos: the first is queued, the second refused with the reason
            page.navigate(base + "/");
            page.locator("#select-mode").click();
            page.locator(".tile[data-photo-id='" + photos[1] + "']").click();
            page.locator(".tile[data-photo-id='" + photos[2] + "']").click();
            page.locator("#describe-selected").click();
            assertThat(page.locator("vaadin-notification-card")).containsText("Describing 1 photo (1 credit each). 1 photo was not queued: "
                    + "This costs 1 credit and your balance is 0.");
            ApiClient.await("the selection's description", Duration.ofSeconds(30), () -> api.get("/api/v1/credits", user.token()).json(),
                    credits -> credits.get("reserved").asLong() == 0 && credits.get("balance").asLong() == 0);

            page.locator("#timeline-search input").fill("glacier");
            page.locator("#timeline-search input").press("Enter");
            assertThat(page.locator("#timeline-days .tile")).hasCount(2);
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*[?&]q=glacier.*"));
            page.locator("#timeline-search input").fill("volcano");
            page.locator("#timeline-search input").press("Enter");
            assertThat(page.locator("#timeline-days")).containsText("No photo's caption, tags or labels contain \"volcano\".");
            context.close();
        }
    }
}
