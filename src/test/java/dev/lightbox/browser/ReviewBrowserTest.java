package dev.lightbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.lightbox.culling.CameraExif;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.ScoredPhotos;
import dev.lightbox.support.TestImages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Review page: groups one at a time, keys pick the keeper and reject the rest, progress, synchronised zoom; phone and dark. */
class ReviewBrowserTest extends BrowserTest {

    @Test
    void keysPickTheKeeperRejectTheRestAndWalkTheGroups() throws InterruptedException {
        String email = api().signUpNewUser();
        String token = api().login(email, USER_PASSWORD);
        Mat messi = TestImages.decode(TestImages.read(TestImages.MESSI));
        Mat blurred = new Mat();
        GaussianBlur(messi, blurred, new Size(0, 0), 3);
        Mat dark = new Mat();
        messi.convertTo(dark, -1, 0.5, 0);
        Mat fruits = TestImages.decode(TestImages.read(TestImages.FRUITS));
        Mat smallFruits = new Mat();
        resize(fruits, smallFruits, new Size(fruits.cols() / 2, fruits.rows() / 2), 0, 0, INTER_AREA);
        var ids = new ArrayList<String>();
        ids.add(upload(token, messi, "2026:06:01 10:00:00"));
        ids.add(upload(token, blurred, "2026:06:01 10:00:01"));
        ids.add(upload(token, dark, "2026:06:01 10:00:02"));
        ids.add(upload(token, fruits, "2026:06:01 11:00:00"));
        ids.add(upload(token, smallFruits, "2026:06:01 11:00:01"));
        for (String id : ids) ScoredPhotos.awaitScore(api(), token, id);
        ApiClient.await("two bursts and two near-duplicate groups", Duration.ofSeconds(60), () -> List.of(
                api().get("/api/v1/groups?kind=burst", token).json().get("items").size(),
                api().get("/api/v1/groups?kind=similar", token).json().get("items").size()), sizes -> sizes.equals(List.of(2, 2)));
        JsonNode newestBurst = api().get("/api/v1/groups?kind=burst", token).json().get("items").get(0);
        assertThat(newestBurst.get("photoIds").get(0).asString()).isEqualTo(ids.get(3));

        page.navigate(url("/login"));
        logIn(email, USER_PASSWORD);
        assertThat(page.locator("#timeline-view")).isVisible();
        page.locator("#main-nav").getByText("Review").click();
        assertThat(page.locator("#review-progress")).hasText("1 of 4 groups");
        var panels = page.locator("#review-compare .review-panel");
        assertThat(panels).hasCount(2);
        assertThat(page.locator("#review-compare .review-panel.suggested"))
                .hasAttribute("data-photo-id", newestBurst.get("suggested").asString());
        assertThat(page.locator("#review-compare .review-panel.selected"))
                .hasAttribute("data-photo-id", newestBurst.get("suggested").asString());

        page.keyboard().press("2");
        assertThat(panels.nth(1)).hasClass(java.util.regex.Pattern.compile("selected"));
        page.keyboard().press("Enter");
        assertThat(page.locator("#review-progress")).hasText("2 of 4 groups");
        assertThat(flag(token, ids.get(4))).isEqualTo("picked");
        assertThat(flag(token, ids.get(3))).isEqualTo("rejected");
        assertThat(flag(token, ids.get(0))).isEqualTo("none");

        assertThat(panels).hasCount(3); // the Messi burst: three frames side by side
        page.keyboard().press("1");
        page.keyboard().press("Enter");
        assertThat(page.locator("#review-progress")).hasText("3 of 4 groups");
        assertThat(flag(token, ids.get(0))).isEqualTo("picked");
        assertThat(flag(token, ids.get(1))).isEqualTo("rejected");
        assertThat(flag(token, ids.get(2))).isEqualTo("rejected");

        page.keyboard().press("ArrowLeft");
        page.keyboard().press("ArrowLeft");
        assertThat(page.locator("#review-progress")).hasText("1 of 4 groups");
        assertThat(page.locator("#review-compare .review-panel[data-photo-id='" + ids.get(4) + "']")).hasAttribute("data-flag", "picked");
        assertThat(page.locator("#review-compare .review-panel[data-photo-id='" + ids.get(3) + "']")).hasAttribute("data-flag", "rejected");
        page.keyboard().press("ArrowRight");
        assertThat(page.locator("#review-progress")).hasText("2 of 4 groups");

        // V: the group in the full-screen viewer from the selected photo; the page's keys wait while it is open
        String selectedId = page.locator("#review-compare .review-panel.selected").getAttribute("data-photo-id");
        page.keyboard().press("v");
        var viewer = page.locator("#photo-viewer");
        assertThat(viewer).hasAttribute("data-photo-id", selectedId);
        page.keyboard().press("ArrowRight"); // the viewer's key: the page stays on this group (checked once the viewer has closed,
        page.keyboard().press("Escape");     // which the server handles after that key)
        assertThat(viewer).hasCount(0);
        assertThat(page.locator("#review-progress")).hasText("2 of 4 groups");

        // one zoom and one pan for every photo of the group
        page.keyboard().press("+");
        assertThat(page.locator("#review-compare")).hasAttribute("data-zoom", "1.50");
        var box = panels.nth(0).boundingBox();
        page.mouse().move(box.x + box.width / 2, box.y + box.height / 2);
        page.mouse().down();
        page.mouse().move(box.x + box.width / 2 + 20, box.y + box.height / 2 + 10, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(4));
        page.mouse().up();
        List<Object> transforms = (List<Object>) page.evaluate(
                "() => [...document.querySelectorAll('#review-compare .review-image')].map(i => i.style.transform)");
        assertThat(transforms).hasSize(3).allSatisfy(t -> assertThat(t).isEqualTo(transforms.getFirst()));
        assertThat((String) transforms.getFirst()).contains("scale(1.5)").doesNotContain("translate(0px, 0px)");
        page.keyboard().press("0");
        assertThat(page.locator("#review-compare")).hasAttribute("data-zoom", "1.00");

        page.evaluate("() => document.documentElement.setAttribute('theme', 'dark')");
        page.setViewportSize(390, 844);
        assertThat(page.locator("#review-keep")).isVisible();
        assertThat(((Number) page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")).intValue())
                .as("nothing wider than a phone").isLessThanOrEqualTo(0);
        var keep = page.locator("#review-keep").boundingBox();
        assertThat(keep.x + keep.width).isLessThanOrEqualTo(390);
        screenshot("review-phone-dark");
    }

    private String upload(String token, Mat image, String takenAt) {
        byte[] jpeg = CameraExif.jpeg(TestImages.uniqueCopy(TestImages.encode(image, ".jpg")), "Canon", "EOS R6", takenAt);
        return api().upload("frame.jpg", jpeg, token).json().get("id").asString();
    }

    private String flag(String token, String id) {
        return api().get("/api/v1/photos/" + id, token).json().get("flag").asString();
    }
}
