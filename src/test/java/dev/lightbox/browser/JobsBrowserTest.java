package dev.lightbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.support.TestJobHandlers;
import dev.lightbox.support.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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

        UUID id = jobs.enqueue(JobRequest.of(TestJobHandlers.STEPS, owner, new TestJobHandlers.Steps(12, 250)));
        var row = page.locator(".job-row[data-job-id='" + id + "']");
        assertThat(row).isVisible(); // appeared by push
        var seen = new TreeSet<Double>();
        // Playwright is single-threaded: poll on this thread
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).pollInSameThread().until(() -> {
            Object value = row.locator("vaadin-progress-bar").evaluate("bar => bar.value");
            if (value instanceof Number n) seen.add(n.doubleValue());
            return "SUCCEEDED".equals(row.locator(".job-status").getAttribute("data-status"));
        });
        assertThat(row.locator(".job-status")).hasAttribute("data-status", "SUCCEEDED");
        assertThat(seen.stream().filter(v -> v > 0 && v < 1).count()).as("intermediate values seen: " + seen).isGreaterThanOrEqualTo(3);
        screenshot("jobs");

        int following = events.listenerCount();
        page.locator("#main-nav").getByText("Settings").click();
        assertThat(page.locator("#settings-view")).isVisible();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(events.listenerCount()).as("the Jobs view let go of its subscription when it was left").isEqualTo(following - 1));
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
        UUID id = jobs.enqueue(JobRequest.of(TestJobHandlers.STEPS, owner, new TestJobHandlers.Steps(150, 10)));
        var row = page.locator(".job-row[data-job-id='" + id + "']");
        assertThat(row.locator(".job-status")).hasAttribute("data-status", "SUCCEEDED");
        double seconds = (System.currentTimeMillis() - start) / 1000.0;
        int updates = ((Number) page.evaluate("() => window.__steps.length")).intValue();
        // 150 distinct steps were reported; the page may show at most 4 a second, plus the final state
        assertThat(updates).as(updates + " updates in " + seconds + " s").isGreaterThan(1).isLessThanOrEqualTo((int) Math.ceil(seconds * 4) + 2);
    }

    @Test
    void aPhotosJobsShareOneEntryFilterByStatusAndTypeTickAndReadAsHumanNames() {
        UUID owner = signIn(api().signUpNewUser());
        UUID photo = UUID.randomUUID();
        UUID echo = jobs.enqueue(JobRequest.of(TestJobHandlers.ECHO, owner, new TestJobHandlers.Echo("hi", null)).about(photo));
        UUID quick = jobs.enqueue(JobRequest.of(TestJobHandlers.STEPS, owner, new TestJobHandlers.Steps(1, 0)).about(photo));
        UUID failing = jobs.enqueue(JobRequest.of(TestJobHandlers.FLAKY, owner, new TestJobHandlers.Flaky(5)).withMaxAttempts(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> Stream.of(echo, quick, failing).allMatch(id -> jobs.find(owner, id).orElseThrow().status().finished()));
        // one step, then 8 s without a word: its time can only move if the page ticks by itself
        UUID slow = jobs.enqueue(JobRequest.of(TestJobHandlers.STEPS, owner, new TestJobHandlers.Steps(1, 8000)));
        await().atMost(Duration.ofSeconds(20)).until(() -> jobs.find(owner, slow).orElseThrow().status() == JobStatus.RUNNING);

        page.locator("#main-nav").getByText("Jobs").click();
        var list = page.locator("#job-list");
        var group = list.locator(".job-group[data-subject-id='" + photo + "']");
        assertThat(list.locator(":scope > *")).hasCount(3); // the photo's two jobs are one entry
        assertThat(group.locator(".job-group-toggle")).hasText("Show 2 jobs");
        group.locator(".job-group-toggle").click();
        assertThat(group.locator(".job-row")).hasCount(2);
        assertThat(group.locator(".job-name").first()).hasText("Test echo · Test steps");
        assertThat(group.locator(".job-status").first()).hasText("Done");
        assertThat(group.locator(".job-elapsed").first()).hasText(Pattern.compile("^took \\d"));
        assertThat(list).not().containsText("test.");

        var running = list.locator(".job-row[data-job-id='" + slow + "']");
        assertThat(running.locator(".job-status")).hasText("Running");
        var elapsed = running.locator(".job-elapsed");
        assertThat(elapsed).hasText(Pattern.compile("^\\d+\\.\\d s$"));
        double first = seconds(elapsed.textContent());
        await().atMost(Duration.ofSeconds(5)).until(() -> seconds(elapsed.textContent()) >= first + 2);
        assertThat(running.locator(".job-status")).hasText("Running"); // still running: the page counted on its own

        choose("#job-status-filter", "Failed");
        assertThat(list.locator(".job-row:visible")).hasCount(1);
        assertThat(list.locator(".job-row[data-job-id='" + failing + "']")).isVisible();
        assertThat(list.locator(".job-row[data-job-id='" + failing + "'] .job-status")).hasText("Failed");
        assertThat(page.locator("#job-count")).hasText("1 job");

        choose("#job-status-filter", "All");
        choose("#job-type-filter", "Test echo");
        assertThat(group).isVisible();
        assertThat(group.locator(".job-name").first()).hasText("Test echo");
        assertThat(list.locator(".job-row[data-job-id='" + slow + "']")).isHidden();
        assertThat(page.locator("#job-count")).hasText("1 of 4 jobs");
        group.locator(".job-group-toggle").click();
        assertThat(group.locator(".job-row[data-job-id='" + echo + "']")).isVisible();
        assertThat(group.locator(".job-row[data-job-id='" + quick + "']")).isHidden();

        choose("#job-type-filter", "All types");
        page.evaluate("() => document.documentElement.setAttribute('theme', 'dark')");
        page.setViewportSize(390, 844);
        assertThat(list.locator(".job-row[data-job-id='" + slow + "']")).isVisible();
        assertThat(((Number) page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")).intValue())
                .as("nothing wider than a phone").isLessThanOrEqualTo(0);
        screenshot("jobs-phone-dark");
    }

    private static double seconds(String elapsed) {
        return Double.parseDouble(elapsed.replace(" s", ""));
    }

    @Test
    void uploadingAPhotoShowsItsRenditionsJobAndTheThumbnailAppearsLive() throws Exception {
        signIn(api().signUpNewUser());
        Path file = Files.write(newDataDir("jobs-upload").resolve("live.jpg"), TestImages.jpeg(2400, 1600, 77));
        page.locator("#main-nav").getByText("Upload").click();
        page.waitForFileChooser(() -> page.locator("#photo-upload vaadin-button").first().click()).setFiles(file);
        assertThat(page.locator(".upload-result-stored")).hasCount(1);

        page.locator("#main-nav").getByText("Jobs").click();
        var group = page.locator(".job-group");
        assertThat(group).hasCount(1); // the photo's jobs, under one entry
        group.locator(".job-group-toggle").click();
        var row = group.locator(".job-row", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("Preview and thumbnail"));
        assertThat(row.locator(".job-status")).hasAttribute("data-status", "SUCCEEDED");
        var analysis = group.locator(".job-row", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("Photo analysis"));
        assertThat(analysis.locator(".job-status")).hasAttribute("data-status", "SUCCEEDED");

        page.locator("#main-nav").getByText("Timeline").click();
        page.waitForFunction("() => { const i = document.querySelector('#timeline-days img'); return i && i.complete && i.naturalWidth > 0; }");
    }
}
