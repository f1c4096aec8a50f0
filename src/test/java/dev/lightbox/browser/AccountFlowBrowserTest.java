package dev.lightbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.lightbox.support.Browser;
import dev.lightbox.support.IntegrationTest;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A person in Chromium: signs up, lands in the shell, logs out and in, makes an API token and uses it. */
class AccountFlowBrowserTest extends IntegrationTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static Browser browser;
    private BrowserContext context;
    private Page page;

    @BeforeAll
    static void launchBrowser() {
        browser = Browser.launch();
    }

    @AfterAll
    static void closeBrowser() {
        browser.close();
    }

    @BeforeEach
    void openPage() {
        context = browser.newContext(1280, 800);
        page = context.newPage();
        page.setDefaultTimeout(20_000);
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    void signUpLogOutLogInCreateATokenAndUseIt() {
        String email = "browser-" + UUID.randomUUID() + "@lightbox.test";
        String password = "browser-password-1";

        page.navigate(url("/"));
        page.waitForURL(Pattern.compile(".*/login$"));
        assertThat(page.locator("vaadin-login-form input[name='username']")).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("login.png")));
        page.locator("#signup-link").click();

        page.waitForURL(Pattern.compile(".*/signup$"));
        page.locator("#signup-email input").fill(email);
        page.locator("#signup-password input").fill(password);
        page.locator("#signup-confirm input").fill(password);
        page.locator("#signup-submit").click();

        assertThat(page.locator("#home-view")).isVisible();
        assertThat(page.locator("#signed-in-user")).hasText(email);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("home.png")));

        page.locator("#logout").click();
        page.waitForURL(Pattern.compile(".*/login$"));
        logIn(email, password);
        assertThat(page.locator("#signed-in-user")).hasText(email);

        page.locator("#main-nav").getByText("Settings").click();
        assertThat(page.locator("#settings-view")).isVisible();
        page.locator("#token-name input").fill("browser test token");
        page.locator("#create-token").click();
        assertThat(page.locator("#new-token-secret input")).hasValue(Pattern.compile("^lbx_.+"));
        String token = page.locator("#new-token-secret input").inputValue();
        assertThat(page.locator("#token-grid")).containsText("browser test token");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("settings.png")));

        var me = api().get("/api/v1/auth/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("email").asString()).isEqualTo(email);

        page.locator("#token-grid").getByText("Revoke").click();
        page.locator("#confirm-revoke").click();
        assertThat(page.locator("vaadin-notification-card")).containsText("revoked");
        assertThat(api().get("/api/v1/auth/me", token).status()).isEqualTo(401);
    }

    @Test
    void wrongPasswordIsExplainedOnTheLoginPage() {
        String email = api().signUpNewUser();
        page.navigate(url("/login"));
        logIn(email, "wrong-password");
        page.waitForURL(Pattern.compile(".*/login\\?error$"));
        assertThat(page.locator("vaadin-login-form")).containsText("Incorrect email or password.");
    }

    @Test
    void usersSeeNoAdminViewAndCannotOpenIt() {
        String email = api().signUpNewUser();
        page.navigate(url("/login"));
        logIn(email, "password-123");
        assertThat(page.locator("#home-view")).isVisible();
        assertThat(page.locator("#main-nav")).not().containsText("Users");

        page.navigate(url("/admin/users"));
        assertThat(page.locator("#admin-users-view")).hasCount(0);
    }

    @Test
    void adminsSeeTheUsersView() {
        page.navigate(url("/login"));
        logIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        page.locator("#main-nav").getByText("Users (admin)").click();
        assertThat(page.locator("#admin-users-view")).containsText(ADMIN_EMAIL);
    }

    @Test
    void themeToggleAndPhoneWidth() {
        context.close();
        context = browser.newContext(390, 844);
        page = context.newPage();
        page.navigate(url("/login"));
        logIn(api().signUpNewUser(), "password-123");
        assertThat(page.locator("#home-view")).isVisible();
        assertThat(page.locator("vaadin-drawer-toggle")).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("phone.png")));

        page.locator("vaadin-drawer-toggle").click();
        page.locator("#theme-toggle").click();
        assertThat(page.locator("html")).hasAttribute("theme", "dark");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("phone-dark.png")));
        page.reload();
        assertThat(page.locator("html")).hasAttribute("theme", "dark");
    }

    private void logIn(String email, String password) {
        page.locator("vaadin-login-form input[name='username']").fill(email);
        page.locator("vaadin-login-form input[name='password']").fill(password);
        page.locator("vaadin-login-form input[name='password']").press("Enter");
    }
}
