package dev.lightbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import dev.lightbox.support.ScoredPhotos;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scoring editor's live preview, save as / activate / delete, Best of with its cull list, the profile, and the timeline by score. */
class ScoringBrowserTest extends BrowserTest {

    @Test
    void editConfigsWatchThePreviewCullAndReadTheProfile() throws Exception {
        String email = api().signUpNewUser();
        String token = api().login(email, USER_PASSWORD);
        ScoredPhotos.upload(api(), token);
        page.navigate(url("/login"));
        logIn(email, USER_PASSWORD);
        assertThat(page.locator("#timeline-view")).isVisible();

        // the editor: pick Portrait, drag its faces weight to 0, and the preview re-ranks live
        page.navigate(url("/scoring"));
        assertThat(page.locator(".config-card")).hasCount(4);
        assertThat(page.locator(".config-card[data-name='Balanced']")).hasAttribute("data-active", "true");
        page.locator(".config-card[data-name='Portrait']").click();
        assertThat(page.locator("#config-name input")).hasValue("Portrait");
        assertThat(page.locator("#preview-top .tile")).hasCount(3);
        assertThat(page.locator("#preview-bottom .tile")).hasCount(2);
        List<String> before = scores("#preview-top .tile, #preview-bottom .tile");
        page.locator("#weight-faces input").focus();
        page.keyboard().press("Home");
        page.waitForFunction("b => JSON.stringify([...document.querySelectorAll('#preview-top .tile, #preview-bottom .tile')]"
                + ".map(t => t.dataset.score)) !== b", before.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]")));
        assertThat(scores("#preview-top .tile, #preview-bottom .tile")).isNotEqualTo(before);
        screenshot("scoring-editor");

        // save as a new config, activate it (the library is re-scored, with progress), then delete it
        page.locator("#config-save-as").click();
        page.locator("#save-as-name input").fill("Portrait without faces");
        page.locator("#save-as-create").click();
        Locator mine = page.locator(".config-card[data-name='Portrait without faces']");
        assertThat(mine).hasClass(java.util.regex.Pattern.compile("selected"));
        page.locator("#config-activate").click();
        assertThat(mine).hasAttribute("data-active", "true");
        assertThat(page.locator("#rescoring")).hasAttribute("data-status", "SUCCEEDED");
        page.locator("#config-delete").click();
        page.locator("#confirm-delete-config").click();
        assertThat(mine).hasCount(0);
        assertThat(page.locator(".config-card[data-active='true']")).hasAttribute("data-name", "Balanced");

        // the timeline by best score: badges in descending order
        page.navigate(url("/"));
        page.locator("#timeline-sort").click();
        page.getByRole(AriaRole.OPTION, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Best score first")).click();
        assertThat(page.locator("#timeline-days .tile[data-score]")).hasCount(5);
        List<Double> ordered = scores("#timeline-days .tile").stream().map(Double::parseDouble).toList();
        assertThat(ordered).isSortedAccordingTo((a, b) -> Double.compare(b, a));

        // Best of: the top two and a cull list; mark the weakest and delete it
        page.navigate(url("/best"));
        page.locator("#best-count input").fill("2");
        page.locator("#best-count input").press("Enter");
        assertThat(page.locator("#best-grid .tile")).hasCount(2);
        assertThat(page.locator("#cull-grid .tile")).hasCount(2);
        String weakest = page.locator("#cull-grid .tile").first().getAttribute("data-photo-id");
        page.locator("#cull-grid .tile").first().click();
        assertThat(page.locator("#cull-delete")).hasText("Delete 1 marked");
        page.locator("#cull-delete").click();
        page.locator("#confirm-cull").click();
        assertThat(page.locator("#cull-grid .tile[data-photo-id='" + weakest + "']")).hasCount(0);
        assertThat(api().get("/api/v1/photos/" + weakest, token).json().has("trashedAt")).as("in the trash").isTrue();
        screenshot("best-of");

        // the profile, with its charts and suggestions
        page.navigate(url("/profile"));
        assertThat(page.locator("#chart-scores")).isVisible();
        assertThat(page.locator("#chart-exposure")).isVisible();
        assertThat(page.locator("#chart-scores rect.chart-bar")).hasCount(10);
        assertThat(page.locator("#profile-suggestions li").first()).isVisible();
        assertThat(page.locator("#analysis-coverage")).containsText("4 photos: 4 analysed");
        screenshot("library-profile");
    }

    private List<String> scores(String selector) {
        return page.locator(selector).all().stream().map(t -> t.getAttribute("data-score")).toList();
    }
}
