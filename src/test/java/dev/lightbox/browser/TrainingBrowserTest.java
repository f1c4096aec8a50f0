package dev.lightbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.lightbox.support.ShapeImages;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The new-model form with its checks, then the run page following the training live to its evaluation. */
class TrainingBrowserTest extends BrowserTest {

    @Test
    void trainAModelFromTheFormAndWatchItsRun() {
        String email = api().signUpNewUser();
        String token = api().login(email, USER_PASSWORD);
        long seed = System.nanoTime();
        for (String shape : List.of("circle", "square")) {
            for (int i = 0; i < 10; i++) {
                String id = api().upload(shape + i + ".jpg", ShapeImages.jpeg(shape, 64, seed++), token).json().get("id").asString();
                api().put("/api/v1/photos/" + id + "/labels", List.of(shape), token);
            }
        }
        page.navigate(url("/login"));
        logIn(email, USER_PASSWORD);
        assertThat(page.locator("#timeline-view")).isVisible();
        page.navigate(url("/training"));
        page.locator("#model-name input").fill("Circles or squares");
        for (String shape : List.of("circle", "square")) {
            page.locator("#model-labels input").click();
            page.locator("#model-labels input").fill(shape);
            page.getByRole(com.microsoft.playwright.options.AriaRole.OPTION,
                    new com.microsoft.playwright.Page.GetByRoleOptions().setName(shape + " (10)")).click();
        }
        page.keyboard().press("Escape");
        page.locator("#model-image-size input").fill("32");
        page.locator("#model-epochs input").fill("4");
        page.locator("#model-learning-rate input").fill("0");
        page.locator("#model-train").click();
        assertThat(page.locator("#model-problem")).containsText("learningRate:");
        assertThat(page.locator("#model-learning-rate")).hasAttribute("invalid", "");

        page.locator("#model-learning-rate input").fill("0.005");
        page.locator("#model-train").click();
        assertThat(page.locator("#training-run")).isVisible();
        assertThat(page.locator("#run-status")).hasAttribute("data-status", "COMPLETED",
                new LocatorAssertions.HasAttributeOptions().setTimeout(120_000));
        assertThat(page.locator("#run-states li.done")).hasCount(8);
        assertThat(page.locator("#chart-training polyline.line-loss")).hasAttribute("data-points", "4");
        assertThat(page.locator("#run-accuracy")).containsText("Accuracy");
        assertThat(page.locator("#run-confusion table tbody tr")).hasCount(2);
        assertThat(page.locator("#run-facts")).containsText("Device: C"); // CPU, or CUDA when present
        // 2 held-out photos per label say little: the run page says so, and so does the model's card
        assertThat(page.locator("#run-warnings")).containsText("Too few held-out photos");
        screenshot("training-run");

        // the models view on the training page: activate from the list, then delete
        page.navigate(url("/training"));
        var card = page.locator(".model-card").first();
        assertThat(card).containsText("accuracy");
        assertThat(card.locator(".model-warnings")).containsText("Too few held-out photos");
        card.locator(".model-activate").click();
        assertThat(page.locator(".model-card").first()).hasAttribute("data-active", "true");
        page.locator(".model-card").first().locator(".model-delete").click();
        page.locator("vaadin-confirm-dialog-overlay vaadin-button[slot='confirm-button'], vaadin-confirm-dialog vaadin-button[slot='confirm-button']").first().click();
        assertThat(page.locator(".model-card")).hasCount(0);
    }
}
