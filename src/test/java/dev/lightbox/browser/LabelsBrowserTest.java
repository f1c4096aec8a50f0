package dev.lightbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.options.AriaRole;
import dev.lightbox.support.TestImages;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** Labels and stars on the photo page; labelling several photos from the timeline and filtering by the label. */
class LabelsBrowserTest extends BrowserTest {

    @Test
    void labelAndRateOnePhotoThenLabelManyAndFilter() {
        String email = api().signUpNewUser();
        String token = api().login(email, USER_PASSWORD);
        var ids = new ArrayList<String>();
        for (int i = 0; i < 3; i++) ids.add(api().upload("l" + i + ".jpg", TestImages.jpeg(320, 240, 9200 + i), token).json().get("id").asString());
        page.navigate(url("/login"));
        logIn(email, USER_PASSWORD);
        assertThat(page.locator("#timeline-view")).isVisible();

        page.navigate(url("/photos/" + ids.get(0)));
        page.locator("#label-input input").fill("Sunset");
        page.locator("#label-input input").press("Enter");
        assertThat(page.locator(".label-chip[data-label='sunset']")).isVisible();
        page.locator("#label-input input").fill("bad<label>");
        page.locator("#label-add").click();
        assertThat(page.locator("#label-problem")).containsText("is not a label");
        page.locator("#rating-4").click();
        assertThat(page.locator("#rating-stars")).hasAttribute("data-rating", "4");
        screenshot("photo-labels");

        // select the other two photos on the timeline and label them together
        page.navigate(url("/"));
        page.locator("#select-mode").click();
        page.locator(".tile[data-photo-id='" + ids.get(1) + "']").click();
        page.locator(".tile[data-photo-id='" + ids.get(2) + "']").click();
        page.locator("#label-selected").click();
        page.locator("#bulk-label-name input").fill("sunset");
        page.locator("#bulk-label-apply").click();
        assertThat(page.locator("vaadin-notification-card").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Labelled 2 photos")))
                .isVisible();

        page.locator("#timeline-label").click();
        page.getByRole(AriaRole.OPTION, new com.microsoft.playwright.Page.GetByRoleOptions().setName("sunset")).click();
        assertThat(page.locator("#timeline-days .tile")).hasCount(3);
        org.assertj.core.api.Assertions.assertThat(api().get("/api/v1/photos/" + ids.get(1), token).json().get("labels").get(0).asString())
                .isEqualTo("sunset");
    }
}
