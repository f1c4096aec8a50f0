package dev.lightbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
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

    /**
     * Picks an item the way a person does, one select at a time. A select's items are its own light-DOM
     * children, so they are looked up inside it, by exact name; a click while the previous overlay is still
     * closing would be swallowed, hence the wait for an idle select before and after.
     */
    void choose(String selector, String item) {
        var idle = page.locator(selector + ":not([opened]):not([closing])");
        assertThat(idle).hasCount(1);
        page.locator(selector).click();
        assertThat(page.locator(selector + "[opened]:not([closing])")).hasCount(1);
        page.locator(selector).getByRole(AriaRole.OPTION, new Locator.GetByRoleOptions().setName(item).setExact(true)).click();
        assertThat(idle).hasCount(1);
        assertThat(page.locator(selector).locator("vaadin-select-value-button")).hasText(item);
    }

    void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
    }
}
