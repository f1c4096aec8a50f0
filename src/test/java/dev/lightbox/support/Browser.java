package dev.lightbox.support;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright. Playwright's own browser download is skipped (it is not
 * reachable here); set LIGHTBOX_TEST_CHROMIUM to use another Chromium binary.
 */
public final class Browser implements AutoCloseable {

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    private Browser(Playwright playwright, com.microsoft.playwright.Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static Browser launch() {
        String executable = System.getenv().getOrDefault("LIGHTBOX_TEST_CHROMIUM", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(executable))) {
            throw new IllegalStateException("Browser tests need Chromium at " + executable + ": apt-get install chromium (or set LIGHTBOX_TEST_CHROMIUM)");
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        var browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(executable))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run", "--disable-quic")));
        return new Browser(playwright, browser);
    }

    public com.microsoft.playwright.BrowserContext newContext(int width, int height) {
        return browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(width, height));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
