package dev.lightbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.BoundingBox;
import dev.lightbox.support.TestImages;
import org.junit.jupiter.api.Test;

/**
 * Restyle… on the photo page in Chromium: the style gallery with its settings and a preview, a run whose steps
 * arrive live with their times, the before/after slider moved by dragging, Save to library, and the Transforms
 * page listing it — at desktop width, then the same page at phone width in dark mode.
 */
class RestyleBrowserTest extends BrowserTest {

    @Test
    void runARestyleWatchTheStepsSlideBeforeAfterAndSaveIt() {
        String email = api().signUpNewUser();
        String token = api().login(email, USER_PASSWORD);
        String photoId = api().upload("grace.jpg", TestImages.read(TestImages.GRACE_HOPPER), token).json().get("id").asString();
        page.navigate(url("/login"));
        logIn(email, USER_PASSWORD);
        assertThat(page.locator("#timeline-view")).isVisible();

        page.navigate(url("/photos/" + photoId));
        page.locator("#restyle-open-dialog").click();
        assertThat(page.locator("#style-gallery .style-card")).hasCount(7);
        page.locator(".style-card[data-style='hdr']").click();
        assertThat(page.locator(".style-card[data-style='hdr']")).hasClass(java.util.regex.Pattern.compile(".*selected.*"));
        assertThat(page.locator("#style-params")).isVisible();
        assertThat(page.locator("#style-preview-image")).isVisible();
        screenshot("restyle-dialog");

        page.locator("#restyle-run").click();
        assertThat(page.locator("#transform-panel")).isVisible();
        // every step ends reported, in order, with its time; depth says why it was skipped
        assertThat(page.locator("#transform-panel")).hasAttribute("data-status", "completed");
        Locator steps = page.locator("#transform-steps .step-row");
        assertThat(steps).hasCount(8);
        assertThat(page.locator(".step-row[data-step='generate']")).hasAttribute("data-status", "done");
        assertThat(page.locator(".step-row[data-step='depth']")).hasAttribute("data-status", "skipped");
        assertThat(page.locator(".step-row[data-step='depth']")).containsText("no depth model");
        assertThat(page.locator(".step-row[data-step='generate'] .step-time")).hasText(java.util.regex.Pattern.compile("\\d+(\\.\\d)? m?s"));

        // the slider: dragging moves the split the browser draws (no server round trip)
        Locator slider = page.locator("#before-after");
        assertThat(page.locator("#before-after-result")).isVisible();
        slider.scrollIntoViewIfNeeded();
        BoundingBox box = slider.boundingBox();
        page.mouse().click(box.x + box.width * 0.2, box.y + box.height / 2);
        double split = Double.parseDouble(((String) slider.evaluate("e => e.style.getPropertyValue('--split')")).replace("%", ""));
        assertThat(split).isBetween(10.0, 30.0);
        page.mouse().click(box.x + box.width * 0.8, box.y + box.height / 2);
        split = Double.parseDouble(((String) slider.evaluate("e => e.style.getPropertyValue('--split')")).replace("%", ""));
        assertThat(split).isBetween(70.0, 90.0);
        screenshot("restyle-result");

        page.locator("#transform-save").click();
        assertThat(page.locator("#transform-saved a")).isVisible();
        var list = api().get("/api/v1/transforms", token).json().get("items");
        assertThat(list.size()).isEqualTo(1);
        String savedPhoto = list.get(0).get("savedPhotoId").asString();
        assertThat(api().get("/api/v1/photos/" + savedPhoto, token).status()).isEqualTo(200);

        // the Transforms page lists it; its own page shows the same panel, at phone width in dark mode
        usePhoneViewport();
        page.navigate(url("/login"));
        logIn(email, USER_PASSWORD);
        assertThat(page.locator("#timeline-view")).isVisible();
        page.navigate(url("/transforms"));
        page.evaluate("() => document.documentElement.setAttribute('theme', 'dark')");
        assertThat(page.locator("#transform-grid .transform-card")).hasCount(1);
        assertThat(page.locator("#transform-grid .transform-card img")).isVisible();
        page.locator("#transform-grid .transform-card").click();
        page.evaluate("() => document.documentElement.setAttribute('theme', 'dark')");
        assertThat(page.locator("#transform-panel")).hasAttribute("data-status", "completed");
        assertThat(page.locator("#before-after-result")).isVisible();
        assertThat(page.locator("#transform-save")).isDisabled();
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth");
        assertThat(overflow).isEqualTo(false);
        screenshot("restyle-page-phone-dark");
    }
}
