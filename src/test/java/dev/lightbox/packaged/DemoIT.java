package dev.lightbox.packaged;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.lightbox.support.Browser;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.JarProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code LIGHTBOX_DEMO=true} on a fresh data directory, as {@code make demo} runs it: the demo account's password comes
 * from the one log line, and within 60 s of that line every main page of the signed-in demo user shows content.
 */
class DemoIT {

    private static final Pattern LINE = Pattern.compile("Demo account: demo@lightbox\\.local / ([A-Za-z0-9_-]{16,})\\R");
    private static final Duration WITHIN = Duration.ofSeconds(60);

    @Test
    void aFreshDemoStartHasEveryPageFilledWithinAMinute() throws Exception {
        Path dataDir = IntegrationTest.newDataDir("demo");
        try (var app = JarProcess.start(dataDir, Map.of("LIGHTBOX_DEMO", "true"));
             var browser = Browser.launch()) {
            app.awaitLoginPage(Duration.ofSeconds(180));
            String password = Awaitility.await("the demo account's log line").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> LINE.matcher(app.output()), Matcher::find).group(1);
            long deadline = System.nanoTime() + WITHIN.toNanos();
            System.out.println("DemoIT: log line seen");

            Page page = browser.newContext(1280, 900).newPage();
            page.navigate(app.url("/login"));
            page.locator("vaadin-login-form input[name='username']").fill("demo@lightbox.local");
            page.locator("vaadin-login-form input[name='password']").fill(password);
            page.locator("vaadin-login-form input[name='password']").press("Enter");
            assertThat(page.locator("#timeline-view")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000)); // a busy first load

            filled(page, app, "/", "#timeline-view", "#timeline-days .tile", deadline);
            filled(page, app, "/skin", "#skin-view", "#skin-checkins > :not(#skin-empty)", deadline);
            filled(page, app, "/scoring", "#scoring-view", "#config-cards .config-card:has-text('Colour and light')", deadline);
            filled(page, app, "/training", "#training-view", "#model-cards .model-facts", deadline);
            // the labels came with the photos the model trains on: the timeline's label filter offers them
            page.navigate(app.url("/"));
            page.locator("#timeline-label").click();
            assertThat(page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("texture"))).isVisible();
            page.keyboard().press("Escape");
            filled(page, app, "/profile", "#profile-view", ".profile-card", deadline);
            // the coach's first suggestion for the demo library answers with numbers, not with help
            filled(page, app, "/coach", "#coach-view", "#coach-suggestions vaadin-button", deadline);
            page.locator("#coach-suggestions vaadin-button").first().click();
            assertThat(page.locator("#coach-answer-1 .coach-fact").first()).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
            System.out.println("DemoIT: every page filled " + (WITHIN.toMillis() - (deadline - System.nanoTime()) / 1_000_000) + " ms after the log line");
            System.out.println("DemoIT: the demo's log:\n" + demoLines(app.output()));
            org.assertj.core.api.Assertions.assertThat(LINE.matcher(app.output()).results().count()).isEqualTo(1);
            org.assertj.core.api.Assertions.assertThat(app.output().split(Pattern.quote(password), -1)).as("the password is logged once").hasSize(2);

            // the demo account is a plain user: the first person to sign up still becomes the admin, the next one does not
            var api = app.api();
            var first = api.newUser();
            org.assertj.core.api.Assertions.assertThat(api.get("/api/v1/auth/me", first.token()).json().get("roles").values())
                    .extracting(node -> node.asString()).contains("ADMIN");
            var second = api.newUser();
            org.assertj.core.api.Assertions.assertThat(api.get("/api/v1/auth/me", second.token()).json().get("roles").values())
                    .extracting(node -> node.asString()).containsExactly("USER");
        }
    }

    /**
     * Opens the page again until {@code content} shows in it. What counts is whether the content was there when the page
     * was asked for before the deadline: on a busy machine the page itself may take seconds to render, which is the
     * browser's time, not the demo's, so each load first waits for its {@code view} with a bound of its own.
     */
    private static void filled(Page page, JarProcess app, String path, String view, String content, long deadline) throws IOException {
        Locator found = page.locator(content);
        while (true) {
            long requested = System.nanoTime();
            page.navigate(app.url(path));
            assertThat(page.locator(view)).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
            boolean shown;
            try {
                assertThat(found.first()).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(3_000));
                shown = true;
            } catch (AssertionError notYet) {
                shown = false;
            }
            if (shown && requested - deadline <= 0) return;
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(path + " shows no " + content + " for a request made within 60 s of the demo account's log line;"
                        + " the demo's log:\n" + demoLines(app.output()));
            }
        }
    }

    private static String demoLines(String output) {
        return output.lines().filter(line -> line.contains("Demo library")).collect(Collectors.joining("\n"));
    }
}
