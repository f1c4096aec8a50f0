package dev.lightbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import dev.lightbox.support.ScoredPhotos;
import dev.lightbox.support.TestImages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timeline's state in the URL, and culling with the keyboard in the full-screen viewer. */
class ViewerBrowserTest extends BrowserTest {

    private String signIn(String email) {
        page.navigate(url("/login"));
        logIn(email, USER_PASSWORD);
        assertThat(page.locator("#timeline-view")).isVisible();
        return api().login(email, USER_PASSWORD);
    }

    @Test
    void sortAndFiltersLiveInTheUrlSurviveReloadAndBackAndTheViewerFollowsTheSort() throws Exception {
        String email = api().signUpNewUser();
        String token = api().login(email, USER_PASSWORD);
        var ids = ScoredPhotos.upload(api(), token);
        var scores = new ArrayList<Double>();
        for (String id : ids.values()) scores.add(api().get("/api/v1/photos/" + id, token).json().get("score").asDouble());
        signIn(email);
        assertThat(page.locator("#photo-count")).hasText("5 photos");

        choose("#timeline-sort", "Best score first");
        assertQuery("sort=score");
        assertThat(page.locator("#timeline-days .tile[data-score]")).hasCount(5);
        assertThat(page.locator("#photo-count")).hasText("5 of 5 photos");

        // a minimum score between the photos' scores: the count says how many of the library match
        List<Double> sorted = scores.stream().sorted().toList();
        int min = (int) Math.ceil(sorted.get(2));
        long matching = scores.stream().filter(s -> s >= min).count();
        page.locator("#timeline-min-score input").fill(Integer.toString(min));
        page.locator("#timeline-min-score input").press("Enter");
        assertQuery("sort=score", "min=" + min);
        assertThat(page.locator("#photo-count")).hasText(matching + " of 5 photos");
        assertThat(page.locator("#timeline-days .tile")).hasCount((int) matching);

        // reload: the same list, the same controls
        page.reload();
        assertThat(page.locator("#photo-count")).hasText(matching + " of 5 photos");
        assertThat(page.locator("#timeline-sort vaadin-select-value-button")).hasText("Best score first");
        assertThat(page.locator("#timeline-min-score input")).hasValue(Integer.toString(min));

        // Back: the sort without the filter, then the plain timeline
        page.goBack();
        assertQuery("sort=score");
        assertThat(page.locator("#photo-count")).hasText("5 of 5 photos");
        assertThat(page.locator("#timeline-min-score input")).hasValue("");
        assertThat(page.locator("#timeline-days .tile")).hasCount(5);

        // the viewer moves through the list in its order (best first), then Esc closes it
        List<String> order = page.locator("#timeline-days .tile").all().stream().map(t -> t.getAttribute("data-photo-id")).toList();
        page.locator("#timeline-days .tile").first().click();
        Locator viewer = page.locator("#photo-viewer");
        assertThat(viewer).isVisible();
        var seen = new ArrayList<String>();
        for (int i = 0; i < order.size(); i++) {
            assertThat(viewer).hasAttribute("data-shown", order.get(i));
            seen.add(viewer.getAttribute("data-photo-id"));
            page.keyboard().press("ArrowRight");
        }
        assertThat(seen).isEqualTo(order);
        page.keyboard().press("Escape");
        assertThat(viewer).hasCount(0);

        page.goBack();
        assertQuery();
        assertThat(page.locator("#photo-count")).hasText("5 photos");
        assertThat(page.locator("#timeline-sort vaadin-select-value-button")).hasText("Newest first");

        // a shared link opens the same list for whoever owns the photos
        page.navigate(url("/?sort=score-asc&min=" + min));
        assertThat(page.locator("#photo-count")).hasText(matching + " of 5 photos");
        assertThat(page.locator("#timeline-sort vaadin-select-value-button")).hasText("Lowest score first");
        // and a hand-edited one with nonsense falls back to the defaults
        page.navigate(url("/?sort=%3Cscript%3E&min=999&before=12345-99"));
        assertThat(page.locator("#photo-count")).hasText("5 photos");
    }

    @Test
    void cullTwentyPhotosWithTheKeyboard() {
        String email = api().signUpNewUser();
        String token = api().login(email, USER_PASSWORD);
        for (int i = 0; i < 20; i++) api().upload("cull" + i + ".jpg", TestImages.jpeg(i == 4 ? 2400 : 800, i == 4 ? 1800 : 600, 700 + i), token);
        page.setViewportSize(1280, 400);
        signIn(email);
        Locator tiles = page.locator("#timeline-days .tile");
        assertThat(tiles).hasCount(20);
        page.waitForFunction("() => [...document.querySelectorAll('#timeline-days img')].every(i => i.complete && i.naturalWidth > 0)");
        List<String> order = tiles.all().stream().map(t -> t.getAttribute("data-photo-id")).toList();

        // scroll to the end of the list and open the sixteenth photo (the large one)
        tiles.last().scrollIntoViewIfNeeded();
        Locator opened = tiles.nth(15);
        assertThat(tiles.first().boundingBox().y).as("the list scrolled").isLessThan(0);
        opened.click();
        Locator viewer = page.locator("#photo-viewer");
        assertThat(viewer).hasAttribute("data-shown", order.get(15));
        // where the list stands under the viewer (the click itself may scroll a tile out from under the navbar)
        double before = opened.boundingBox().y;

        // rate 4, then clear it with 0, then rate 2
        page.keyboard().press("4");
        assertThat(page.locator("#viewer-rating")).hasText("★★★★☆");
        awaitRating(token, order.get(15), 4);
        page.keyboard().press("0");
        awaitRating(token, order.get(15), null);
        page.keyboard().press("2");
        awaitRating(token, order.get(15), 2);

        // Space: 100% zoom on the original's pixels, drag to pan, Space again fits
        page.keyboard().press(" ");
        assertThat(viewer).hasAttribute("data-zoom", "100");
        page.waitForFunction("() => { const i = document.querySelector('#photo-viewer .viewer-image'); "
                + "return i.src.endsWith('/original') && i.complete && i.naturalWidth === 2400; }");
        Object start = page.evaluate("() => document.querySelector('#photo-viewer .viewer-stage').scrollLeft");
        var stage = page.locator("#photo-viewer .viewer-stage").boundingBox();
        page.mouse().move(stage.x + stage.width / 2, stage.y + stage.height / 2);
        page.mouse().down();
        page.mouse().move(stage.x + stage.width / 2 + 200, stage.y + stage.height / 2 + 50, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(5));
        page.mouse().up();
        Object panned = page.evaluate("() => document.querySelector('#photo-viewer .viewer-stage').scrollLeft");
        assertThat(((Number) panned).doubleValue()).as("dragging pans").isLessThan(((Number) start).doubleValue() - 100);
        page.keyboard().press(" ");
        assertThat(viewer).hasAttribute("data-zoom", "fit");

        // back to the first with the left arrow and on to the last with the right one, rating each photo: the timeline's order
        for (int i = 14; i >= 0; i--) {
            page.keyboard().press("ArrowLeft");
            assertThat(viewer).hasAttribute("data-shown", order.get(i));
            page.keyboard().press(Integer.toString(1 + i % 5));
            if (i == 2) {
                page.keyboard().press("x");
                assertThat(page.locator("#viewer-flag")).hasText("Rejected");
                page.keyboard().press("u");
                assertThat(page.locator("#viewer-flag")).hasText("");
            }
            if (i == 1) page.keyboard().press("X");
            if (i == 0) page.keyboard().press("p");
        }
        assertThat(page.locator("#viewer-flag")).hasText("Picked");
        page.keyboard().press("ArrowLeft"); // the start: stays on the first
        assertThat(viewer).hasAttribute("data-photo-id", order.get(0));
        for (int i = 1; i < 20; i++) {
            page.keyboard().press("ArrowRight");
            assertThat(viewer).hasAttribute("data-shown", order.get(i));
            if (i > 15) page.keyboard().press(Integer.toString(1 + i % 5));
        }
        page.keyboard().press("ArrowRight"); // the end: stays on the last
        assertThat(viewer).hasAttribute("data-photo-id", order.get(19));
        for (int i = 0; i < 20; i++) if (i != 15) awaitRating(token, order.get(i), 1 + i % 5);
        page.keyboard().press("ArrowLeft");
        assertThat(viewer).hasAttribute("data-shown", order.get(18));

        // the info panel: what the file says, what the analysis found, the score block's lines, labels
        api().put("/api/v1/photos/" + order.get(18) + "/labels", List.of("harbour"), token);
        page.keyboard().press("i");
        assertThat(page.locator("#viewer-info")).isVisible();
        assertThat(page.locator("#viewer-info")).hasAttribute("data-photo-id", order.get(18));
        assertThat(page.locator("#viewer-info")).containsText("800 × 600");
        assertThat(page.locator("#viewer-info")).containsText("4 of 5"); // rated 1 + 18 % 5 on the way
        assertThat(page.locator("#viewer-info")).containsText("harbour");
        assertThat(page.locator("#viewer-info")).containsText("Score");
        screenshot("viewer-info");
        page.keyboard().press("i");
        assertThat(page.locator("#viewer-info")).isHidden();

        // Esc: back on the timeline where it was
        page.keyboard().press("Escape");
        assertThat(viewer).hasCount(0);
        assertThat(opened.boundingBox().y).isEqualTo(before);

        // flags: badges on the tiles, the flag filter in the URL with its count, and Delete rejected
        assertThat(tiles.nth(0)).hasAttribute("data-flag", "picked");
        assertThat(tiles.nth(1)).hasAttribute("data-flag", "rejected");
        assertThat(tiles.nth(2)).hasAttribute("data-flag", "none");
        assertThat(tiles.nth(1).locator(".flag-badge")).hasText("Rejected");
        assertThat(api().get("/api/v1/photos/" + order.get(0), token).json().get("flag").asString()).isEqualTo("picked");
        choose("#timeline-flag", "Rejected");
        assertQuery("flag=rejected");
        assertThat(page.locator("#photo-count")).hasText("1 of 20 photos");
        assertThat(tiles).hasCount(1);
        page.reload();
        assertThat(page.locator("#photo-count")).hasText("1 of 20 photos");
        page.locator("#delete-rejected").click();
        assertThat(page.locator("vaadin-confirm-dialog-overlay, vaadin-confirm-dialog")).not().hasCount(0);
        page.locator("#confirm-delete-rejected").click();
        assertThat(page.locator("#photo-count")).hasText("0 of 19 photos");
        assertThat(page.locator("#delete-rejected")).isHidden();
        assertThat(api().get("/api/v1/photos/" + order.get(1), token).json().has("trashedAt")).as("in the trash").isTrue();
        assertThat(api().get("/api/v1/photos/" + order.get(2), token).status()).isEqualTo(200);
    }

    @Test
    void theViewerWorksAtPhoneWidthInDarkMode() {
        usePhoneViewport();
        String email = api().signUpNewUser();
        String token = api().login(email, USER_PASSWORD);
        for (int i = 0; i < 3; i++) api().upload("phone" + i + ".jpg", TestImages.jpeg(1200, 800, 900 + i), token);
        signIn(email);
        page.evaluate("() => document.documentElement.setAttribute('theme', 'dark')");
        Locator tiles = page.locator("#timeline-days .tile");
        assertThat(tiles).hasCount(3);
        List<String> order = tiles.all().stream().map(t -> t.getAttribute("data-photo-id")).toList();
        tiles.first().click();
        Locator viewer = page.locator("#photo-viewer");
        assertThat(viewer).hasAttribute("data-shown", order.get(0));
        for (String control : List.of("#viewer-next", "#viewer-prev", "#viewer-close", "#viewer-zoom")) {
            var box = page.locator(control).boundingBox();
            assertThat(box.x >= 0 && box.x + box.width <= 390).as(control + " fully on screen").isTrue();
        }
        page.locator("#viewer-next").click();
        assertThat(viewer).hasAttribute("data-shown", order.get(1));
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
        screenshot("phone-viewer-dark");
        page.locator("#viewer-close").click();
        assertThat(viewer).hasCount(0);
    }

    /** The URL's query has exactly these parameters, in any order. */
    private void assertQuery(String... parameters) {
        page.waitForFunction("want => JSON.stringify(location.search.slice(1).split('&').filter(p => p).sort()) === JSON.stringify(want.sort())",
                List.of(parameters));
    }

    private void awaitRating(String token, String photoId, Integer stars) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var rating = api().get("/api/v1/photos/" + photoId, token).json().get("rating");
            if (stars == null) assertThat(rating == null || rating.isNull()).isTrue();
            else assertThat(rating.asInt()).isEqualTo(stars);
        });
    }
}
