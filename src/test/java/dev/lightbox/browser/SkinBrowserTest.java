package dev.lightbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.ellipse;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

/**
 * A person's skin diary in Chromium: three check-ins a few weeks apart (the later ones redder), the trend
 * chart with a point each and the change in words, two check-ins compared with a heat map, a check-in
 * added on the page itself, at phone width and in dark mode.
 */
class SkinBrowserTest extends BrowserTest {

    @Test
    void theSkinPageChartsThreeCheckInsAndComparesTwo() throws Exception {
        ApiClient.User user = api().newUser();
        String[] days = {"2026:03:03 09:00:00", "2026:03:17 09:00:00", "2026:04:02 09:00:00"};
        double[] reddening = {0, 12, 24};
        var photoIds = new ArrayList<String>();
        for (int i = 0; i < days.length; i++) {
            byte[] jpeg = TestImages.withExif(redder(reddening[i]), 1, days[i], null, null);
            ApiClient.Response added = api().upload("/api/v1/skin/checkins", "selfie-" + i + ".jpg", jpeg, user.token());
            assertThat(added.status()).as(added.body()).isEqualTo(202);
            String photoId = added.json().get("photoId").asText();
            photoIds.add(photoId);
            ApiClient.await("check-in measured", Duration.ofSeconds(90), () -> api().get("/api/v1/skin/checkins/" + photoId, user.token()),
                    r -> "done".equals(r.json().path("status").asText()));
        }

        page.navigate(url("/login"));
        logIn(user.email(), ApiClient.USER_PASSWORD);
        assertThat(page.locator("#timeline-view")).isVisible();
        page.locator("#main-nav").getByText("Skin").click();

        Locator cards = page.locator("#skin-checkins .skin-checkin");
        assertThat(cards).hasCount(3);
        assertThat(page.locator("#skin-checkins .skin-checkin[data-status='done']")).hasCount(3);
        assertThat(cards.first()).hasAttribute("data-photo", photoIds.get(2)); // newest first
        assertThat(cards.first().locator(".skin-metric")).hasCount(5);
        assertThat(page.locator("#skin-trend-chart circle.skin-point")).hasCount(3);
        assertThat(page.locator("#skin-trend-chart polyline.skin-average")).hasAttribute("data-points", "3");
        assertThat(page.locator("#skin-change-first")).hasText(Pattern.compile("Redness is up \\d+% since 3 March 2026"));
        page.waitForFunction("() => [...document.querySelectorAll('#skin-checkins img')].every(i => i.complete && i.naturalWidth > 0)");
        screenshot("skin-diary");

        choose("#skin-region", "Left cheek");
        assertThat(page.locator("#skin-change-first")).containsText("on your left cheek");
        choose("#skin-metric", "Evenness");
        assertThat(page.locator("#skin-trend-chart circle.skin-point")).hasCount(3);

        choose("#skin-metric", "Redness");
        cards.nth(0).locator(".skin-compare-choice").click();
        cards.nth(2).locator(".skin-compare-choice").click();
        assertThat(page.locator("#skin-compare")).isVisible();
        assertThat(page.locator("#skin-compare .skin-compare-row")).hasCount(6);
        assertThat(page.locator("#skin-compare polygon[data-region='leftCheek']").last())
                .hasAttribute("class", "skin-heat-worse"); // the later cheeks are redder
        page.waitForFunction("() => [...document.querySelectorAll('#skin-compare img')].every(i => i.complete && i.naturalWidth > 0)");
        screenshot("skin-compare");

        // a check-in added on the page, and the date range picker narrowing the chart
        Path dir = Files.createTempDirectory(newDataDir("skin-files"), "files");
        Path selfie = Files.write(dir.resolve("today.jpg"), TestImages.withExif(redder(6), 1, "2026:05:01 09:00:00", null, null));
        page.waitForFileChooser(() -> page.locator("#skin-upload vaadin-button").first().click()).setFiles(selfie);
        assertThat(page.locator("#skin-upload-results")).containsText("added");
        assertThat(cards).hasCount(4);
        assertThat(page.locator("#skin-checkins .skin-checkin[data-status='done']")).hasCount(4);
        assertThat(page.locator("#skin-trend-chart circle.skin-point")).hasCount(4);
        page.locator("#skin-from input").fill("3/10/2026");
        page.locator("#skin-from input").press("Enter");
        assertThat(page.locator("#skin-trend-chart circle.skin-point")).hasCount(3);

        usePhoneViewport();
        page.navigate(url("/login"));
        logIn(user.email(), ApiClient.USER_PASSWORD);
        assertThat(page.locator("#timeline-view")).isVisible();
        page.navigate(url("/skin"));
        page.evaluate("() => document.documentElement.setAttribute('theme', 'dark')");
        assertThat(page.locator("#skin-checkins .skin-checkin")).hasCount(4);
        double overflow = ((Number) page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")).doubleValue();
        assertThat(overflow).as("horizontal overflow at phone width").isLessThanOrEqualTo(0);
        screenshot("skin-phone-dark");
    }

    /** Grace Hopper with both cheeks reddened by {@code amount} levels of red (0: the photo as it is). */
    static byte[] redder(double amount) {
        Mat face = TestImages.decode(TestImages.read(TestImages.GRACE_HOPPER));
        for (int[] cheek : new int[][] {{205, 238}, {307, 238}}) {
            try (Mat mask = new Mat(face.rows(), face.cols(), CV_8UC1, Scalar.all(0));
                 Mat tint = new Mat(face.rows(), face.cols(), CV_8UC3, new Scalar(0, 0, amount, 0))) {
                ellipse(mask, new Point(cheek[0], cheek[1]), new Size(40, 30), 0, 0, 360, Scalar.all(255), FILLED, LINE_8, 0);
                add(face, tint, face, mask, -1);
                subtract(face, new Mat(face.rows(), face.cols(), CV_8UC3, new Scalar(amount / 3, amount / 3, 0, 0)), face, mask, -1);
            }
        }
        return TestImages.encode(face, ".jpg");
    }
}
