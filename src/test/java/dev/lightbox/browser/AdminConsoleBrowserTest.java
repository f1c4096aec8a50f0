package dev.lightbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.TestImages;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each admin console view renders with data, at desktop width and at phone width in dark mode; the admin pauses and
 * resumes a job type, disables a user (who then sees the reason at sign-in) and finds both in the audit log.
 */
class AdminConsoleBrowserTest extends BrowserTest {

    private static final String TYPE = "retention.sweep"; // a cpu job type no other test queues meanwhile

    @org.springframework.beans.factory.annotation.Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

    /** A failure between the pause and resume clicks must not leave the type paused for later tests on this context. */
    @org.junit.jupiter.api.AfterEach
    void resumeTheType() {
        jdbc.update("delete from job_type_settings where type = ?", TYPE);
        jdbc.execute("select pg_notify('lightbox_jobs', 'cpu')");
    }

    @Test
    void everyAdminViewRendersWithDataAtDesktopWidth() throws Exception {
        var api = api();
        var owner = api.newUser();
        api.upload("admin-console.jpg", TestImages.jpeg(640, 480, 17), owner.token()); // jobs for the statistics and queues
        var target = api.newUser();

        page.navigate(url("/login"));
        logIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(page.locator("#timeline-view")).isVisible();
        screenshot("admin-menu-desktop");
        page.locator("#main-nav vaadin-side-nav-item[path='admin']").click();
        assertThat(page.locator("#admin-overview-view")).isVisible();
        assertThat(page.locator("#overview-cards")).containsText("Users");
        assertThat(page.locator("#overview-cards")).containsText("Workers online");
        assertThat(page.locator("#overview-storage")).containsText("originals");
        assertThat(page.locator("#overview-queues")).containsText("cpu");
        screenshot("admin-overview-desktop");

        page.locator("#admin-nav").getByText("Queues").click();
        assertThat(page.locator("#admin-queues-view")).isVisible();
        assertThat(page.locator("#queue-cpu-summary")).containsText("thread(s) online");
        String id = "cpu-" + TYPE.replace('.', '-');
        page.locator("#type-pause-" + id).click();
        assertThat(page.locator("#type-pause-" + id)).hasText("Resume");
        page.locator("#type-pause-" + id).click();
        assertThat(page.locator("#type-pause-" + id)).hasText("Pause");
        screenshot("admin-queues-desktop");

        page.locator("#admin-nav").getByText("Job statistics").click();
        assertThat(page.locator("#job-stats")).containsText("Preview and thumbnail"); // the upload's renditions job

        page.locator("#admin-nav").getByText("Workers").click();
        assertThat(page.locator("#workers")).containsText("ONLINE");

        page.locator("#admin-nav").getByText("Users").click();
        assertThat(page.locator("#admin-users")).containsText(ADMIN_EMAIL);
        page.locator("#admin-users-search input").fill(target.email());
        // the search leaves one row (the grid keeps its earlier cells, hidden)
        assertThat(page.locator("#admin-users vaadin-grid-cell-content:visible", new Page.LocatorOptions().setHasText(ADMIN_EMAIL))).hasCount(0);
        page.locator("#disable-" + target.id() + ":visible").click();
        page.locator("#disable-reason input").fill("Spam uploads");
        page.locator("#disable-apply").click();
        assertThat(page.getByText(target.email() + " is disabled")).isVisible();
        assertThat(page.locator("#user-status-" + target.id() + ":visible")).hasText("disabled");
        org.assertj.core.api.Assertions.assertThat(api.get("/api/v1/auth/me", target.token()).status()).as("token after disable").isEqualTo(401);
        screenshot("admin-users-desktop");

        page.locator("#admin-nav").getByText("Settings").click();
        assertThat(page.locator("#admin-settings")).containsText("LIGHTBOX_");
        assertThat(page.locator("#admin-settings")).not().containsText(ADMIN_PASSWORD);

        page.locator("#admin-nav").getByText("Audit log").click();
        assertThat(page.locator("#audit-log")).containsText("user.disable");
        assertThat(page.locator("#audit-log")).containsText("job-type.pause");
        assertThat(page.locator("#audit-log")).containsText("Spam uploads");
        screenshot("admin-audit-desktop");

        context.clearCookies();
        page.navigate(url("/login"));
        logIn(target.email(), ApiClient.USER_PASSWORD);
        assertThat(page.locator("vaadin-login-form")).containsText("Spam uploads");
    }

    @Test
    void anAdminDeletesAnAccountAfterTypingItsEmailButNotTheirOwn() {
        var api = api();
        var target = api.newUser();
        UUID adminId = UUID.fromString(api.get("/api/v1/auth/me", api.login(ADMIN_EMAIL, ADMIN_PASSWORD)).json().get("id").asString());
        page.navigate(url("/login"));
        logIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        page.navigate(url("/admin/users"));
        assertThat(page.locator("#admin-users")).containsText(ADMIN_EMAIL);
        assertThat(page.locator("#disable-" + adminId)).isDisabled();
        assertThat(page.locator("#delete-" + adminId)).isHidden();
        page.locator("#admin-users-search input").fill(target.email());
        assertThat(page.locator("#admin-users vaadin-grid-cell-content:visible", new Page.LocatorOptions().setHasText(ADMIN_EMAIL))).hasCount(0);
        page.locator("#delete-" + target.id() + ":visible").click();
        assertThat(page.locator("#delete-apply")).isDisabled();
        page.locator("#delete-email input").fill(target.email());
        page.locator("#delete-apply").click();
        assertThat(page.getByText(target.email() + " is deleted")).isVisible();
        assertThat(page.locator("#delete-" + target.id() + ":visible")).hasCount(0);
        org.assertj.core.api.Assertions.assertThat(api.get("/api/v1/auth/me", target.token()).status()).isEqualTo(401);
    }

    @Test
    void everyAdminViewWorksAtPhoneWidthInDarkMode() {
        usePhoneViewport();
        page.navigate(url("/login"));
        logIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(page.locator("#timeline-view")).isVisible();
        var views = List.of(
                new String[] {"/admin", "#admin-overview-view", "#overview-cards", "Users"},
                new String[] {"/admin/queues", "#admin-queues-view", "#queue-gpu-summary", "queued"},
                new String[] {"/admin/job-stats", "#admin-job-stats-view", "#admin-job-stats-view", "Window"},
                new String[] {"/admin/workers", "#admin-workers-view", "#workers", "ONLINE"},
                new String[] {"/admin/users", "#admin-users-view", "#admin-users", ADMIN_EMAIL},
                new String[] {"/admin/settings", "#admin-settings-view", "#admin-settings", "LIGHTBOX_"},
                new String[] {"/admin/audit", "#admin-audit-view", "#admin-audit-view", "Action"});
        for (String[] view : views) {
            page.navigate(url(view[0]));
            page.evaluate("() => document.documentElement.setAttribute('theme', 'dark')");
            assertThat(page.locator(view[1])).isVisible();
            assertThat(page.locator(view[2])).containsText(view[3]);
            Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
            org.assertj.core.api.Assertions.assertThat(((Number) overflow).intValue()).as(view[0] + " scrolls sideways at phone width").isLessThanOrEqualTo(0);
            screenshot("admin" + view[0].replace('/', '-').replace("-admin", "") + "-phone-dark");
        }
    }
}
