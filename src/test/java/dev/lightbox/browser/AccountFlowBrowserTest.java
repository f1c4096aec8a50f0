package dev.lightbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A person in Chromium: signs up, lands in the shell, logs out and in, makes an API token and uses it. */
class AccountFlowBrowserTest extends BrowserTest {

    @Test
    void signUpLogOutLogInCreateATokenAndUseIt() {
        String email = "browser-" + UUID.randomUUID() + "@lightbox.test";
        String password = "mossy-Kettle-Lantern-64";

        page.navigate(url("/"));
        page.waitForURL(Pattern.compile(".*/login$"));
        assertThat(page.locator("vaadin-login-form input[name='username']")).isVisible();
        screenshot("login");
        page.locator("#signup-link").click();

        page.waitForURL(Pattern.compile(".*/signup$"));
        page.locator("#signup-email input").fill(email);
        page.locator("#signup-password input").fill(password);
        page.locator("#signup-confirm input").fill(password);
        page.locator("#signup-submit").click();

        assertThat(page.locator("#timeline-view")).isVisible();
        assertThat(page.locator("#signed-in-user")).hasText(email);
        screenshot("home");

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
        screenshot("settings");

        var me = api().get("/api/v1/auth/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("email").asString()).isEqualTo(email);

        page.locator("#token-grid").getByText("Revoke").click();
        page.locator("#confirm-revoke").click();
        assertThat(page.locator("vaadin-notification-card")).containsText("revoked");
        assertThat(api().get("/api/v1/auth/me", token).status()).isEqualTo(401);
    }

    @Test
    void deletingTheAccountFromSettingsSignsOutToTheLoginPage() {
        var user = api().newUser();
        page.navigate(url("/login"));
        logIn(user.email(), USER_PASSWORD);
        page.navigate(url("/settings"));
        assertThat(page.locator("#delete-account-section")).containsText("This cannot be undone");
        page.locator("#delete-account-password input").fill("not-my-password-1");
        page.locator("#delete-account").click();
        page.locator("vaadin-confirm-dialog vaadin-button[slot='confirm-button']:visible").click();
        assertThat(page.locator("#delete-account-password")).containsText("The password does not match");
        org.assertj.core.api.Assertions.assertThat(api().get("/api/v1/auth/me", user.token()).status()).isEqualTo(200);

        page.locator("#delete-account-password input").fill(USER_PASSWORD);
        page.locator("#delete-account").click();
        page.locator("vaadin-confirm-dialog vaadin-button[slot='confirm-button']:visible").click();
        page.waitForURL(Pattern.compile(".*/login\\?deleted$"));
        assertThat(page.locator("#account-deleted")).containsText("have been deleted");
        org.assertj.core.api.Assertions.assertThat(api().get("/api/v1/auth/me", user.token()).status()).isEqualTo(401);
        page.navigate(url("/settings"));
        page.waitForURL(Pattern.compile(".*/login$"));
    }

    @Test
    void aGuessablePasswordIsExplainedAtSignUp() {
        page.navigate(url("/signup"));
        page.locator("#signup-email input").fill("weak-" + UUID.randomUUID() + "@lightbox.test");
        page.locator("#signup-password input").fill("password-123");
        page.locator("#signup-confirm input").fill("password-123");
        page.locator("#signup-submit").click();
        assertThat(page.locator("#signup-password")).containsText("too easy to guess. This is a top-10 common password.");
        assertThat(page).hasURL(Pattern.compile(".*/signup$"));
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
        logIn(email, USER_PASSWORD);
        assertThat(page.locator("#timeline-view")).isVisible();
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
        usePhoneViewport();
        page.navigate(url("/login"));
        logIn(api().signUpNewUser(), USER_PASSWORD);
        assertThat(page.locator("#timeline-view")).isVisible();
        assertThat(page.locator("vaadin-drawer-toggle")).isVisible();
        screenshot("phone");

        page.locator("vaadin-drawer-toggle").click();
        page.locator("#theme-toggle").click();
        assertThat(page.locator("html")).hasAttribute("theme", "dark");
        screenshot("phone-dark");
        page.reload();
        assertThat(page.locator("html")).hasAttribute("theme", "dark");
    }

    @Test
    void exportMyLibraryFromSettingsAtPhoneWidthInDarkMode() {
        usePhoneViewport();
        var user = api().newUser();
        for (int i = 0; i < 2; i++) {
            assertThat(api().upload("export-" + i + ".jpg", dev.lightbox.support.TestImages.jpeg(320, 240, System.nanoTime()), user.token())
                    .status()).isEqualTo(201);
        }
        page.navigate(url("/login"));
        logIn(user.email(), USER_PASSWORD);
        assertThat(page.locator("#timeline-view")).isVisible();
        page.locator("vaadin-drawer-toggle").click();
        page.locator("#theme-toggle").click();
        assertThat(page.locator("html")).hasAttribute("theme", "dark");
        page.navigate(url("/settings"));
        assertThat(page.locator("#export-settings")).containsText("Export");
        page.locator("#export-start").click();
        var download = page.locator("#export-list .export-row[data-status='READY'] .export-download");
        assertThat(download).isVisible();
        assertThat(download).containsText("2 photos");
        assertThat(page.locator("#export-start")).isEnabled();
        assertThat((Integer) page.evaluate("document.documentElement.scrollWidth")).as("no sideways scrolling at 390 px").isLessThanOrEqualTo(390);
        screenshot("export-phone-dark");
        var zip = page.request().get(url(download.getAttribute("href")));
        assertThat(zip.status()).isEqualTo(200);
        assertThat(zip.headers().get("content-type")).isEqualTo("application/zip");
    }
}
