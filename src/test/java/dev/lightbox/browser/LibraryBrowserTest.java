package dev.lightbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import dev.lightbox.support.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A person uploads photos in Chromium, sees them on the timeline and the photo page, and deletes some. */
class LibraryBrowserTest extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;

    private String signInAsNewUser() {
        String email = api().signUpNewUser();
        page.navigate(url("/login"));
        logIn(email, USER_PASSWORD);
        assertThat(page.locator("#timeline-view")).isVisible();
        return email;
    }

    @Test
    void uploadManyFilesSeeThemOnTheTimelineAndOpenOne() throws Exception {
        signInAsNewUser();
        assertThat(page.locator("#timeline-empty")).containsText("No photos yet");
        screenshot("timeline-empty");

        Path dir = Files.createTempDirectory(newDataDir("upload-files"), "files");
        Path grace = Files.copy(TestImages.GRACE_HOPPER, dir.resolve("grace.jpg"));
        Path messi = Files.copy(TestImages.MESSI, dir.resolve("messi.jpg"));
        Path ice = Files.copy(TestImages.ICE_BLOCK, dir.resolve("ice.jpg"));
        Path again = Files.copy(TestImages.GRACE_HOPPER, dir.resolve("grace-again.jpg"));
        Path script = Files.writeString(dir.resolve("innocent.jpg"), "<svg><script>alert(1)</script></svg>");

        page.locator("#main-nav").getByText("Upload").click();
        page.waitForFileChooser(() -> page.locator("#photo-upload vaadin-button").first().click())
                .setFiles(new Path[] {grace, messi, ice, again, script});

        Locator results = page.locator("#upload-results .upload-result");
        assertThat(results).hasCount(5);
        assertThat(page.locator("#upload-overall-text")).hasText("5 of 5 files processed");
        assertThat(page.locator(".upload-result-stored")).hasCount(3);
        assertThat(page.locator(".upload-result-duplicate")).containsText("Already in your library");
        assertThat(page.locator(".upload-result-rejected")).containsText("innocent.jpg");
        assertThat(page.locator(".upload-result-rejected")).containsText("scripts");
        screenshot("upload-results");

        page.locator("#main-nav").getByText("Timeline").click();
        assertThat(page.locator("#photo-count")).hasText("3 photos");
        Locator tiles = page.locator("#timeline-days .tile");
        assertThat(tiles).hasCount(3);
        page.waitForFunction("() => [...document.querySelectorAll('#timeline-days img')].every(i => i.complete && i.naturalWidth > 0)");
        screenshot("timeline");

        tiles.first().click(); // the viewer, and from it the photo page
        page.locator("#viewer-page").click();
        page.waitForURL(Pattern.compile(".*/photos/[0-9a-f-]{36}$"));
        assertThat(page.locator("#photo-details")).containsText("Size");
        page.waitForFunction("() => document.querySelector('#photo-preview').naturalWidth > 0");
        screenshot("photo-page");

        String deletedPhotoUrl = page.url();
        page.locator("#photo-delete").click();
        page.locator("#confirm-photo-delete").click();
        page.waitForURL(url -> !url.equals(deletedPhotoUrl)); // on to its neighbour
        assertThat(page.locator("#photo-details")).isVisible();
        page.locator("#main-nav").getByText("Timeline").click();
        assertThat(page.locator("#photo-count")).hasText("2 photos");
    }

    @Test
    void aDeletedPhotoWaitsInTheTrashAndComesBackOnRestore() {
        usePhoneViewport();
        String email = signInAsNewUser();
        String token = api().login(email, USER_PASSWORD);
        for (int i = 0; i < 2; i++) api().upload("kept" + i + ".jpg", TestImages.jpeg(500, 400, 1800 + i), token);
        page.reload();
        Locator tiles = page.locator("#timeline-days .tile");
        assertThat(tiles).hasCount(2);
        String deleted = tiles.first().getAttribute("data-photo-id");

        page.locator("#select-mode").click();
        tiles.first().click();
        page.locator("#delete-selected").click();
        assertThat(page.locator("vaadin-confirm-dialog-overlay, vaadin-confirm-dialog").first()).containsText("trash");
        page.locator("#confirm-delete").click();
        assertThat(page.locator("#trash-notice")).hasText("Moved to trash");
        assertThat(page.locator("#trash-undo")).isVisible();
        assertThat(tiles).hasCount(1);
        assertThat(page.locator("#menu-count-trash")).hasText("1"); // counted without a navigation

        page.navigate(url("/trash"));
        page.evaluate("() => document.documentElement.setAttribute('theme', 'dark')");
        assertThat(page.locator("#menu-count-trash")).hasText("1");
        Locator trashed = page.locator("#trash-grid .tile");
        assertThat(trashed).hasCount(1);
        assertThat(trashed.first()).hasAttribute("data-photo-id", deleted);
        assertThat(page.locator("#trash-grid .trash-expiry")).hasText("30 days left");
        page.waitForFunction("() => [...document.querySelectorAll('#trash-grid img')].every(i => i.complete && i.naturalWidth > 0)");
        assertThat(page.locator("#trash-view").evaluate("e => e.scrollWidth <= window.innerWidth")).isEqualTo(true);
        screenshot("trash-phone-dark");

        trashed.first().click();
        assertThat(page.locator("#trash-selection")).hasText("1 selected");
        page.locator("#trash-restore").click();
        assertThat(page.locator("#trash-empty-state")).isVisible();
        assertThat(page.locator("#menu-count-trash")).hasCount(0); // restored: the menu's count goes at once
        page.navigate(url("/"));
        assertThat(page.locator("#timeline-days .tile")).hasCount(2);
        assertThat(page.locator("#timeline-days .tile[data-photo-id='" + deleted + "']")).hasCount(1);
    }

    @Test
    void selectSeveralAndDeleteThem() {
        String email = signInAsNewUser();
        String token = api().login(email, USER_PASSWORD);
        for (int i = 0; i < 4; i++) api().upload("p" + i + ".jpg", TestImages.jpeg(500, 400, 100 + i), token);
        page.reload();
        Locator tiles = page.locator("#timeline-days .tile");
        assertThat(tiles).hasCount(4);

        page.locator("#select-mode").click();
        tiles.nth(0).click();
        tiles.nth(2).click();
        assertThat(page.locator("#selection-count")).hasText("2 selected");
        page.locator("#delete-selected").click();
        page.locator("#confirm-delete").click();
        assertThat(page.locator("#photo-count")).hasText("2 photos");
        assertThat(tiles).hasCount(2);
        assertThat(api().get("/api/v1/photos", token).json().get("items").values()).hasSize(2);
    }

    @Test
    void uploadAndTimelineFitAPhoneScreen() {
        usePhoneViewport();
        String email = signInAsNewUser();
        String token = api().login(email, USER_PASSWORD);
        for (int i = 0; i < 5; i++) api().upload("phone" + i + ".jpg", TestImages.jpeg(640, 480, 300 + i), token);
        page.reload();
        assertThat(page.locator("#timeline-days .tile")).hasCount(5);
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
        Object columns = page.evaluate("() => getComputedStyle(document.querySelector('.day-grid')).gridTemplateColumns.split(' ').length");
        assertThat(((Number) columns).intValue()).isEqualTo(3);
        for (String control : List.of("#jump-go", "#select-mode")) {
            var box = page.locator(control).boundingBox();
            assertThat(box.x + box.width).as(control + " fully on screen").isLessThanOrEqualTo(390);
        }
        screenshot("phone-timeline");

        page.navigate(url("/upload"));
        assertThat(page.locator("#photo-upload")).isVisible();
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
        screenshot("phone-upload");
    }

    @Test
    void thousandsOfPhotosLoadPageByPageAsYouScroll() {
        String email = signInAsNewUser();
        UUID owner = UUID.fromString(api().get("/api/v1/auth/me", api().login(email, USER_PASSWORD)).json().get("id").asString());
        int total = 1_000;
        LocalDateTime start = LocalDateTime.of(2023, 3, 1, 9, 0);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            rows.add(new Object[] {UUID.randomUUID(), owner, String.format("%064x", 10_000_000 + i), start.plusHours(i * 3L)});
        }
        jdbc.batchUpdate("""
                insert into photos (id, owner_id, sha256, size_bytes, format, width, height, orientation, taken_at,
                                    taken_at_source, uploaded_at)
                values (?, ?, ?, 1000, 'JPEG', 400, 300, 1, ?, 'EXIF', now())""", rows);
        page.reload();
        assertThat(page.locator("#photo-count")).hasText("1000 photos");
        Locator tiles = page.locator("#timeline-days .tile");
        int firstPage = tiles.count();
        assertThat(firstPage).isLessThan(total);
        assertThat(page.locator(".day-header").first()).containsText("2023");

        await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
            page.locator("#timeline-sentinel").scrollIntoViewIfNeeded();
            return page.locator("#timeline-sentinel").textContent().contains("everything");
        });
        assertThat(page.locator("#timeline-sentinel")).hasText("That's everything.");
        assertThat(tiles).hasCount(total);
        List<String> days = page.locator(".day").evaluateAll("els => els.map(e => e.dataset.day)").toString().lines().toList();
        assertThat(days).isNotEmpty();

        choose("#jump-month", "March");
        page.locator("#jump-year input").fill("2023");
        page.locator("#jump-go").click();
        assertThat(page.locator(".day-header").first()).containsText("March");
        jdbc.update("delete from photos where owner_id = ?", owner);
    }

    /**
     * A photo synced from a computer (hash, metadata, attributes; no original) is a placeholder tile marked
     * "Synced" that loads (never a broken image), at phone width and in dark mode; its page says the original is
     * not here and offers no download; the upload page shows the command; uploading the same bytes gives the
     * same tile its original.
     */
    @Test
    void aSyncedPhotoIsAPlaceholderUntilItsBytesAreUploaded() throws Exception {
        usePhoneViewport();
        String email = signInAsNewUser();
        String token = api().login(email, USER_PASSWORD);
        // bytes no earlier test uploaded: their renditions job is this upload's own, so its end is pushed to the tile
        byte[] bytes = TestImages.uniqueCopy(Files.readAllBytes(TestImages.ICE_BLOCK));
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        var item = java.util.Map.of("sha256", sha256, "analyzerVersion", dev.lightbox.analysis.service.AnalysisService.currentVersion(),
                "attributes", java.util.Map.of("sharpness", 0.8, "brightness", 0.5, "exposure", "ok", "faceCount", 0),
                "metadata", java.util.Map.of("takenAt", "2024-06-01T10:15:00", "camera", "Fujifilm X-T3", "width", 1200, "height", 800,
                        "fileName", "ice.jpg"),
                "analysedAt", "2024-06-02T08:00:00Z");
        var synced = api().post("/api/v1/sync/attributes", java.util.Map.of("items", List.of(item)), token);
        assertThat(synced.status()).as(synced.body()).isEqualTo(200);
        assertThat(synced.json().get("created").asInt()).isEqualTo(1);

        page.evaluate("() => document.documentElement.setAttribute('theme', 'dark')");
        page.reload();
        page.evaluate("() => document.documentElement.setAttribute('theme', 'dark')");
        Locator tile = page.locator("#timeline-days .tile");
        assertThat(tile).hasCount(1);
        assertThat(tile).hasAttribute("data-source", "sync");
        assertThat(tile.locator(".sync-badge")).hasText("Synced");
        page.waitForFunction("() => [...document.querySelectorAll('#timeline-days img')].every(i => i.complete && i.naturalWidth > 0)");
        assertThat(tile).not().hasClass(Pattern.compile(".*pending.*"));
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
        screenshot("phone-dark-synced-tile");

        tile.click();
        page.locator("#viewer-page").click();
        page.waitForURL(Pattern.compile(".*/photos/[0-9a-f-]{36}$"));
        page.evaluate("() => document.documentElement.setAttribute('theme', 'dark')");
        assertThat(page.locator("#photo-synced-note")).containsText("without its original");
        assertThat(page.locator("#photo-download")).isHidden();
        assertThat(page.locator("#photo-details")).containsText("Not on the server");
        page.waitForFunction("() => document.querySelector('#photo-preview').naturalWidth > 0");
        screenshot("phone-dark-synced-photo");

        page.locator("#photo-synced-note a").click();
        assertThat(page.locator("#photo-upload")).isVisible();
        page.locator("#sync-instead").click();
        assertThat(page.locator("#sync-command")).containsText("java -jar lightbox.jar sync");
        assertThat(page.locator("#sync-command")).containsText("--server http://localhost:" + port);
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
        screenshot("phone-dark-sync-command");

        page.navigate(url("/"));
        assertThat(tile).hasAttribute("data-source", "sync");
        assertThat(api().upload("ice.jpg", bytes, token).status()).isEqualTo(201);
        // pushed to the open timeline when the renditions are made: no reload. The renditions job waits its turn
        // behind whatever earlier tests left on the shared context's cpu queue, so this waits longer than a click.
        assertThat(tile.locator(".sync-badge")).hasCount(0, new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(60_000));
        page.waitForFunction("() => { const i = document.querySelector('#timeline-days img'); return i.complete && i.naturalWidth === 400; }");
        page.navigate(url("/"));
        assertThat(tile).hasCount(1);
        assertThat(tile).not().hasAttribute("data-source", "sync");
        assertThat(tile.locator(".sync-badge")).hasCount(0);
    }
}
