package dev.lightbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import dev.lightbox.support.TestImages;
import org.junit.jupiter.api.Test;

/** The photo page shows what analysis found, with a box on the face. */
class AnalysisBrowserTest extends BrowserTest {

    @Test
    void thePhotoPageShowsAttributesAndAFaceBox() throws Exception {
        String email = api().signUpNewUser();
        String token = api().login(email, USER_PASSWORD);
        String id = api().upload("grace.jpg", TestImages.uniqueCopy(TestImages.read(TestImages.GRACE_HOPPER)), token).json().get("id").asString();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!"done".equals(api().get("/api/v1/photos/" + id, token).json().get("analysis").get("status").asString())) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("analysis did not finish");
            Thread.sleep(100);
        }
        page.navigate(url("/login"));
        logIn(email, USER_PASSWORD);
        assertThat(page.locator("#timeline-view")).isVisible();
        page.navigate(url("/photos/" + id));
        assertThat(page.locator("#photo-details")).containsText("Sharpness");
        assertThat(page.locator("#photo-details")).containsText("Faces");
        assertThat(page.locator(".photo-box").first()).isVisible();
        page.waitForFunction("() => document.querySelector('#photo-preview').naturalWidth > 0");
        screenshot("photo-analysis");
    }
}
