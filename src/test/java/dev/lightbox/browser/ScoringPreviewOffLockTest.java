package dev.lightbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.lightbox.support.Browser;
import dev.lightbox.support.BudgetTest;
import dev.lightbox.support.ScoredPhotos;
import org.junit.jupiter.api.Test;

/**
 * The scoring editor reads the analysed library off the session lock: the statement that streams it runs
 * on scoring's preview pool, not on the thread serving the browser's request, and the preview still fills.
 */
class ScoringPreviewOffLockTest extends BudgetTest {

    @Test
    void theLibraryIsReadInTheBackgroundAndThePreviewFills() throws Exception {
        var api = api();
        String email = api.signUpNewUser();
        String token = api.login(email, USER_PASSWORD);
        ScoredPhotos.upload(api, token);
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        try (Browser browser = Browser.launch()) {
            var context = browser.newContext(1280, 800);
            Page page = context.newPage();
            page.setDefaultTimeout(20_000);
            page.navigate("http://localhost:" + port + "/login");
            page.locator("vaadin-login-form input[name='username']").fill(email);
            page.locator("vaadin-login-form input[name='password']").fill(USER_PASSWORD);
            page.locator("vaadin-login-form input[name='password']").press("Enter");
            assertThat(page.locator("#timeline-view")).isVisible();

            counter().clear();
            page.navigate("http://localhost:" + port + "/scoring");
            assertThat(page.locator("#preview-top .tile")).hasCount(3);
            assertThat(page.locator("#preview-bottom .tile")).hasCount(2);
            var reads = counter().executed(e -> e.sql().contains("join score_inputs i on i.sha256 = p.sha256") && !e.sql().contains("filter (where"));
            assertThat(reads).isNotEmpty().allSatisfy(read -> assertThat(read.thread()).startsWith("scoring-preview-"));
            context.close();
        }
    }
}
