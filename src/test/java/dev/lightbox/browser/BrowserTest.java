package dev.lightbox.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.lightbox.support.Browser;
import dev.lightbox.support.IntegrationTest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One Chromium per test class, a fresh browser context (cookies, storage) per test. */
abstract class BrowserTest extends IntegrationTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static Browser browser;
    BrowserContext context;
    Page page;

    @BeforeAll
    static void launchBrowser() {
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        browser = Browser.launch();
    }

    @AfterAll
    static void closeBrowser() {
        browser.close();
    }

    @BeforeEach
    void openPage() {
        open(1280, 800);
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    void usePhoneViewport() {
        context.close();
        open(390, 844);
    }

    private void open(int width, int height) {
        context = browser.newContext(width, height);
        page = context.newPage();
        page.setDefaultTimeout(20_000);
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    void logIn(String email, String password) {
        page.locator("vaadin-login-form input[name='username']").fill(email);
        page.locator("vaadin-login-form input[name='password']").fill(password);
        page.locator("vaadin-login-form input[name='password']").press("Enter");
    }

    void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
    }
}
