package dev.lightbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobService;
import dev.lightbox.support.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Progress pushed to the browser: bars move and finish without a reload. */
class JobsBrowserTest extends BrowserTest {

    @Autowired JobService jobs;
    @Autowired dev.lightbox.jobs.JobEvents events;

    private UUID signIn(String email) {
        page.navigate(url("/login"));
        logIn(email, USER_PASSWORD);
        assertThat(page.locator("#timeline-view")).isVisible();
        return UUID.fromString(api().get("/api/v1/auth/me", api().login(email, USER_PASSWORD)).json().get("id").asString());
    }

    @Test
    void aRunningJobsProgressBarMovesAndFinishesWithoutReload() {
        UUID owner = signIn(api().signUpNewUser());
        page.locator("#main-nav").getByText("Jobs").click();
        assertThat(page.locator("#jobs-view")).isVisible();

        UUID id = jobs.enqueue(JobRequest.of("test.steps", JobQueue.CPU, owner, Map.of("steps", 12, "sleepMs", 250)));
        var row = page.locator(".job-row[data-job-id='" + id + "']");
        assertThat(row).isVisible(); // appeared by push
        var seen = new TreeSet<Double>();
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline
                && !"SUCCEEDED".equals(row.locator(".job-status").getAttribute("data-status"))) {
            Object value = row.locator("vaadin-progress-bar").evaluate("bar => bar.value");
            if (value instanceof Number n) seen.add(n.doubleValue());
            page.waitForTimeout(100);
        }
        assertThat(row.locator(".job-status")).hasAttribute("data-status", "SUCCEEDED");
        assertThat(seen.stream().filter(v -> v > 0 && v < 1).count()).as("intermediate values seen: " + seen).isGreaterThanOrEqualTo(3);
        screenshot("jobs");

        int following = events.listenerCount();
        page.locator("#main-nav").getByText("Settings").click();
        assertThat(page.locator("#settings-view")).isVisible();
        long deadline2 = System.currentTimeMillis() + 5000;
        while (events.listenerCount() != following - 1 && System.currentTimeMillis() < deadline2) page.waitForTimeout(50);
        assertThat(events.listenerCount()).as("the Jobs view let go of its subscription when it was left").isEqualTo(following - 1);
    }

    @Test
    void aChattyJobReachesThePageAtMostFourTimesASecond() {
        UUID owner = signIn(api().signUpNewUser());
        page.locator("#main-nav").getByText("Jobs").click();
        assertThat(page.locator("#jobs-view")).isVisible();
        page.evaluate("""
                () => { window.__steps = []; new MutationObserver(() => {
                    const s = document.querySelector('.job-step');
                    if (s && s.textContent !== window.__last) { window.__last = s.textContent; window.__steps.push(Date.now()); }
                  }).observe(document.body, {subtree: true, childList: true, characterData: true}); }""");
        long start = System.currentTimeMillis();
        UUID id = jobs.enqueue(JobRequest.of("test.steps", JobQueue.CPU, owner, Map.of("steps", 150, "sleepMs", 10)));
        var row = page.locator(".job-row[data-job-id='" + id + "']");
        assertThat(row.locator(".job-status")).hasAttribute("data-status", "SUCCEEDED");
        double seconds = (System.currentTimeMillis() - start) / 1000.0;
        int updates = ((Number) page.evaluate("() => window.__steps.length")).intValue();
        // 150 distinct steps were reported; the page may show at most 4 a second, plus the final state
        assertThat(updates).as(updates + " updates in " + seconds + " s").isGreaterThan(1).isLessThanOrEqualTo((int) Math.ceil(seconds * 4) + 2);
    }

    @Test
    void uploadingAPhotoShowsItsRenditionsJobAndTheThumbnailAppearsLive() throws Exception {
        signIn(api().signUpNewUser());
        Path file = Files.write(newDataDir("jobs-upload").resolve("live.jpg"), TestImages.jpeg(2400, 1600, 77));
        page.locator("#main-nav").getByText("Upload").click();
        page.waitForFileChooser(() -> page.locator("#photo-upload vaadin-button").first().click()).setFiles(file);
        assertThat(page.locator(".upload-result-stored")).hasCount(1);

        page.locator("#main-nav").getByText("Jobs").click();
        var row = page.locator(".job-row", new com.microsoft.playwright.Page.LocatorOptions().setHasText("Preview and thumbnail"));
        assertThat(row.locator(".job-status")).hasAttribute("data-status", "SUCCEEDED");
        var analysis = page.locator(".job-row", new com.microsoft.playwright.Page.LocatorOptions().setHasText("Photo analysis"));
        assertThat(analysis.locator(".job-status")).hasAttribute("data-status", "SUCCEEDED");

        page.locator("#main-nav").getByText("Timeline").click();
        page.waitForFunction("() => { const i = document.querySelector('#timeline-days img'); return i && i.complete && i.naturalWidth > 0; }");
    }
}
