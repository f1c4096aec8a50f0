package dev.lightbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.TestImages;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The photo page's score block: score, explanation lines, personal score and predicted labels, in the first screenful of a laptop. */
class PhotoScoreBrowserTest extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theScoreBlockSitsBesideThePhotoInTheFirstScreenful() {
        var api = api();
        String email = api.signUpNewUser();
        String token = api.login(email, USER_PASSWORD);
        JsonNode uploaded = api.upload("messi.jpg", TestImages.uniqueCopy(TestImages.read(TestImages.MESSI)), token).json();
        String id = uploaded.get("id").asString();
        ApiClient.await("photo " + id + " scored", Duration.ofSeconds(30), () -> api.get("/api/v1/photos/" + id, token).json(),
                photo -> photo.get("score") != null && !photo.get("score").isNull());
        whatTrainingWrites(UUID.fromString(id));

        page.setViewportSize(1366, 768);
        page.navigate(url("/login"));
        logIn(email, USER_PASSWORD);
        assertThat(page.locator("#timeline-view")).isVisible();
        page.navigate(url("/photos/" + id));
        assertThat(page.locator("#score-value")).isVisible();
        assertThat(page.locator("#score-verdict")).hasAttribute("data-passed", "true");
        assertThat(page.locator("#score-why li").first()).containsText("Sharpness");
        assertThat(page.locator("#score-why li")).hasCount(11); // one short line per attribute Balanced weighs
        assertThat(page.locator("#score-why")).containsText("Image quality (BRISQUE)");
        assertThat(page.locator("#score-personal")).hasText("Personal score: 3.8★ of 5");
        assertThat(page.locator("#score-predicted")).hasText("Predicted labels (your active model): football 81%, people 12%, dog 7%");
        assertThat(page.locator("#photo-preview")).isVisible();
        page.waitForFunction("() => document.querySelector('#photo-preview').complete");
        var box = page.locator("#score-block").boundingBox();
        double scrollY = ((Number) page.evaluate("() => window.scrollY")).doubleValue();
        assertThat(scrollY).isZero();
        assertThat(box.y + box.height).as("the whole score block is in the first 1366×768 screenful").isLessThanOrEqualTo(768);
        var preview = page.locator("#photo-preview").boundingBox();
        assertThat(preview.y + preview.height).as("and so is the photo").isLessThanOrEqualTo(768);
        screenshot("photo-score-laptop");

        page.setViewportSize(390, 844);
        page.evaluate("() => document.documentElement.setAttribute('theme', 'dark')");
        page.locator("#score-block").scrollIntoViewIfNeeded();
        assertThat(page.locator("#score-value")).isVisible();
        double width = ((Number) page.evaluate("() => document.documentElement.scrollWidth")).doubleValue();
        assertThat(width).as("no sideways scrolling on a phone").isLessThanOrEqualTo(390);
        screenshot("photo-score-phone-dark");
    }

    /** The coach at phone width in dark mode: a suggested question answers with its facts and a thumbnail that opens the photo. */
    @Test
    void theCoachAnswersASuggestedQuestionWithFactsAndPhotos() {
        var api = api();
        String email = api.signUpNewUser();
        String token = api.login(email, USER_PASSWORD);
        String id = api.upload("fruits.jpg", TestImages.uniqueCopy(TestImages.read(TestImages.FRUITS)), token).json().get("id").asString();
        ApiClient.await("photo " + id + " scored", Duration.ofSeconds(30), () -> api.get("/api/v1/photos/" + id, token).json(),
                photo -> photo.get("score") != null && !photo.get("score").isNull());

        usePhoneViewport();
        page.navigate(url("/login"));
        logIn(email, USER_PASSWORD);
        assertThat(page.locator("#timeline-view")).isVisible();
        page.navigate(url("/coach"));
        page.evaluate("() => document.documentElement.setAttribute('theme', 'dark')");
        var suggestion = page.locator("#coach-suggestions vaadin-button", new Page.LocatorOptions().setHasText("sharpest"));
        assertThat(suggestion).isVisible();
        suggestion.click();
        var answer = page.locator("#coach-answer-1");
        assertThat(answer.locator(".coach-by")).containsText("(rules)");
        assertThat(answer.locator(".coach-fact").first()).isVisible();
        assertThat(answer.locator(".coach-answer-text")).not().isEmpty();
        assertThat(answer.locator(".coach-photo")).hasCount(1);
        double width = ((Number) page.evaluate("() => document.documentElement.scrollWidth")).doubleValue();
        assertThat(width).as("no sideways scrolling on a phone").isLessThanOrEqualTo(390);
        screenshot("coach-phone-dark");
        answer.locator(".coach-photo").first().click();
        page.waitForURL("**/photos/" + id);
        assertThat(page.locator("#photo-preview")).isVisible();
    }

    /** An active model's prediction and a personal score for the photo, as the training module stores them. */
    private void whatTrainingWrites(UUID photo) {
        UUID owner = jdbc.sql("select owner_id from photos where id = :id").param("id", photo).query(UUID.class).single();
        UUID model = UUID.randomUUID();
        jdbc.sql("""
                insert into models (id, owner_id, name, labels, architecture, config, status, state, active, created_at)
                values (:id, :owner, 'Sports', '["dog","football","people"]', 'SMALL_CNN', '{}', 'READY', 'PUBLISHED', true, :at)""")
                .param("id", model).param("owner", owner).param("at", java.sql.Timestamp.from(Instant.now())).update();
        jdbc.sql("""
                insert into photo_predictions (photo_id, model_id, owner_id, version, top_label, labels, created_at)
                values (:photo, :model, :owner, 1, 'football',
                        '[{"label":"football","confidence":0.81},{"label":"people","confidence":0.12},{"label":"dog","confidence":0.07}]', :at)""")
                .param("photo", photo).param("model", model).param("owner", owner).param("at", java.sql.Timestamp.from(Instant.now())).update();
        jdbc.sql("insert into personal_scores (photo_id, owner_id, stars) values (:photo, :owner, 3.8)").param("photo", photo).param("owner", owner).update();
    }
}
