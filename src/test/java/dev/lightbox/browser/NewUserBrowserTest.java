package dev.lightbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobService;
import dev.lightbox.support.TestJobHandlers;
import dev.lightbox.support.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The shell, the upload list, bulk deletes and the account page as a new user meets them. */
class NewUserBrowserTest extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    JobService jobs;

    private String signInAsNewUser(Page page) {
        String email = api().signUpNewUser();
        page.navigate(url("/login"));
        page.locator("vaadin-login-form input[name='username']").fill(email);
        page.locator("vaadin-login-form input[name='password']").fill(USER_PASSWORD);
        page.locator("vaadin-login-form input[name='password']").press("Enter");
        assertThat(page.locator("#timeline-view")).isVisible();
        return email;
    }

    @Test
    void anUnknownPageShowsNotFoundInTheShellAndSignedOutGoesToLogin() {
        page.navigate(url("/no-such-page"));
        assertThat(page.locator("vaadin-login-form")).isVisible();
        context.clearCookies(); // else signing in goes on to the page asked for first

        signInAsNewUser(page);
        page.navigate(url("/no-such-page"));
        assertThat(page.locator("#not-found-view")).containsText("Page not found");
        assertThat(page.locator("#not-found-view")).containsText("/no-such-page");
        assertThat(page.locator("#main-nav")).isVisible();
        assertThat(page.locator("body")).not().containsText("Whitelabel");
        screenshot("not-found");
    }

    @Test
    void aUserOpeningAnAdminPageSeesNotAllowedInTheShell() {
        signInAsNewUser(page);
        page.navigate(url("/admin/users"));
        assertThat(page.locator("#not-allowed-view")).containsText("Not allowed");
        assertThat(page.locator("#main-nav")).isVisible();
        assertThat(page.locator("#admin-users-view")).hasCount(0);
        assertThat(page.locator("body")).not().containsText("Could not navigate");
        screenshot("not-allowed");
    }

    @Test
    void theUploadListSaysWhatBecameOfEachFileInLightboxsWords() throws Exception {
        signInAsNewUser(page);
        Path dir = Files.createTempDirectory(newDataDir("upload-words"), "files");
        Path grace = Files.copy(TestImages.GRACE_HOPPER, dir.resolve("grace.jpg"));
        Path again = Files.copy(TestImages.GRACE_HOPPER, dir.resolve("grace-again.jpg"));
        Path script = Files.writeString(dir.resolve("innocent.jpg"), "<svg><script>alert(1)</script></svg>");

        page.navigate(url("/upload"));
        page.waitForFileChooser(() -> page.locator("#photo-upload vaadin-button").first().click()).setFiles(new Path[] {grace, again, script});

        assertThat(page.locator("#upload-overall-text")).hasText("3 of 3 files processed");
        assertThat(page.locator("#upload-results .upload-result")).hasCount(3);
        // the two copies upload side by side: whichever lands first is stored, the other is the duplicate
        assertThat(page.locator(".upload-result-stored")).hasText(Pattern.compile("^grace(-again)?\\.jpg — Stored$"));
        assertThat(page.locator(".upload-result-duplicate")).hasText(Pattern.compile("^grace(-again)?\\.jpg — Already in your library$"));
        assertThat(page.locator(".upload-result-rejected")).containsText(Pattern.compile("innocent\\.jpg — Refused: .*scripts"));
        // one result per file: the upload component's own list (a tick for the duplicate, "Upload forbidden" and a retry button) is gone
        assertThat(page.locator("vaadin-upload-file:visible")).hasCount(0);
        assertThat(page.locator("text=/forbidden/i >> visible=true")).hasCount(0);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("retry", Pattern.CASE_INSENSITIVE))))
                .hasCount(0);
        screenshot("upload-words");
    }

    @Test
    void aBulkDeleteRunsOffTheSessionLockWithProgress() throws Exception {
        String email = signInAsNewUser(page);
        String token = api().login(email, USER_PASSWORD);
        for (int i = 0; i < 3; i++) api().upload("bulk" + i + ".jpg", TestImages.jpeg(400, 300, 700 + i), token);
        page.reload();
        Locator tiles = page.locator("#timeline-days .tile");
        assertThat(tiles).hasCount(3);

        page.locator("#select-mode").click();
        tiles.nth(0).click();
        tiles.nth(1).click();
        page.locator("#delete-selected").click();
        // hold the photos' rows, as a slow database would: moving them to the trash waits, the page must not
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement(
                    "select p.id from photos p join users u on u.id = p.owner_id where u.email = ? for update of p")) {
                lock.setString(1, email);
                lock.executeQuery().close();
            }
            try {
                page.locator("#confirm-delete").click();
                assertThat(page.locator("#delete-progress")).containsText("Deleting 0 of 2");
                // the session answers meanwhile: the theme toggle makes a server round trip
                page.locator("#theme-toggle").click();
                assertThat(page.locator("html")).hasAttribute("theme", "dark");
                assertThat(tiles).hasCount(3);
            } finally {
                connection.rollback();
            }
        }
        assertThat(page.locator("#photo-count")).hasText("1 photo");
        assertThat(tiles).hasCount(1);
        assertThat(page.locator("#delete-progress")).isHidden();
        assertThat(api().get("/api/v1/photos", token).json().get("items").values()).hasSize(1);
    }

    @Test
    void changingThePasswordOnSettingsEndsTheOtherSessionsAndLoginTokens() {
        String email = signInAsNewUser(page);
        String loginToken = api().login(email, USER_PASSWORD);
        BrowserContext otherContext = browser.newContext(1280, 800);
        try {
            Page other = otherContext.newPage();
            other.navigate(url("/login"));
            other.locator("vaadin-login-form input[name='username']").fill(email);
            other.locator("vaadin-login-form input[name='password']").fill(USER_PASSWORD);
            other.locator("vaadin-login-form input[name='password']").press("Enter");
            assertThat(other.locator("#timeline-view")).isVisible();

            page.locator("#main-nav").getByText("Settings").click();
            page.locator("#current-password input").fill(USER_PASSWORD);
            page.locator("#new-password input").fill("short");
            page.locator("#change-password").click();
            assertThat(page.locator("#new-password")).hasAttribute("invalid", "");
            assertThat(api().get("/api/v1/auth/me", loginToken).status()).isEqualTo(200);

            page.locator("#new-password input").fill("juniper-Gravel-meadow-64");
            page.locator("#change-password").click();
            assertThat(page.locator("vaadin-notification-card")).containsText("Password changed");

            assertThat(api().get("/api/v1/auth/me", loginToken).status()).isEqualTo(401);
            other.navigate(url("/settings"));
            assertThat(other.locator("vaadin-login-form")).isVisible();
            page.navigate(url("/settings"));
            assertThat(page.locator("#settings-view")).isVisible();
        } finally {
            otherContext.close();
        }
    }

    @Test
    void theSettingsPageListsLoginTokensApartFromNamedOnes() {
        String email = signInAsNewUser(page);
        api().login(email, USER_PASSWORD);
        page.locator("#main-nav").getByText("Settings").click();
        page.locator("#token-name input").fill("backup script");
        page.locator("#create-token").click();
        assertThat(page.locator("#new-token-secret")).isVisible();
        assertThat(page.locator("#token-grid")).containsText("backup script");
        assertThat(page.locator("#token-grid")).not().containsText("API login");
        assertThat(page.locator("#login-token-grid")).containsText("API login");
    }

    @Test
    void theAppHasAFavicon() {
        page.navigate(url("/login"));
        Locator icon = page.locator("head link[rel='icon']").first();
        String href = icon.getAttribute("href");
        assertThat(href).isNotBlank();
        var svg = page.request().get(url("/" + href.replaceFirst("^\\./", "")));
        assertThat(svg.status()).isEqualTo(200);
        assertThat(svg.headers().get("content-type")).startsWith("image/");
        var ico = page.request().get(url("/favicon.ico"));
        assertThat(ico.status()).isEqualTo(200);
        assertThat(ico.body().length).isGreaterThan(100);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void closingATabLeavesNoErrorInTheLog(CapturedOutput output) throws Exception {
        String email = signInAsNewUser(page);
        String token = api().login(email, USER_PASSWORD);
        for (int i = 0; i < 6; i++) api().upload("tab" + i + ".jpg", TestImages.jpeg(1600, 1200, 900 + i), token);
        UUID owner = UUID.fromString(api().get("/api/v1/auth/me", token).json().get("id").asString());
        Page second = context.newPage();
        second.navigate(url("/jobs"));
        assertThat(second.locator("#jobs-view")).isVisible();
        // progress pushed 20 times a second while the tab closes
        UUID job = jobs.enqueue(JobRequest.of(TestJobHandlers.STEPS, owner, new TestJobHandlers.Steps(200, 50)));
        assertThat(second.locator(".job-row[data-job-id='" + job + "']")).isVisible();
        page.reload();
        assertThat(page.locator("#timeline-days .tile")).hasCount(6);
        second.close();
        page.close();
        // something to happen after the tabs went: a new page of the same session
        page = context.newPage();
        page.navigate(url("/upload"));
        assertThat(page.locator("#upload-view")).isVisible();
        jobs.cancel(owner, job);
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(output.getAll().lines().filter(line -> line.contains(" ERROR ") || line.startsWith("java.")).toList()).isEmpty());
    }
}
