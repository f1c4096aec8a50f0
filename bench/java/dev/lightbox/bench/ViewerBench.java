package dev.lightbox.bench;

import com.microsoft.playwright.Page;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.Browser;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The full-screen viewer in Chromium on 12 MP photos: a key press → the next photo shown (its preview
 * loaded and a frame painted), p50/p95, at a culling pace (a key every 250 ms). Baselines in the same run:
 * the same previews swapped into a plain {@code <img>} without preloading (fetched and decoded on demand),
 * and swapped from the browser's cache (the floor of any swap).
 */
class ViewerBench extends IntegrationTest {

    private static final int PHOTOS = 16;
    private static final int ROUNDS = 3;

    /** Presses a key in the page and resolves with the ms until the photo it moved to has loaded and a frame was painted. */
    private static final String PRESS = """
            async key => {
              const v = document.querySelector('#photo-viewer');
              const img = v.querySelector('.viewer-image');
              const t0 = performance.now();
              document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
              const id = v.dataset.photoId;
              await new Promise(done => { const check = () => v.dataset.shown === id && img.complete ? done() : requestAnimationFrame(check); check(); });
              await new Promise(done => requestAnimationFrame(() => done()));
              return performance.now() - t0;
            }""";

    /** A plain <img> swap to {@code url}: ms until loaded and a frame was painted. */
    private static final String SWAP = """
            async url => {
              let img = document.querySelector('#bench-img');
              if (!img) { img = document.createElement('img'); img.id = 'bench-img'; img.style.cssText = 'position:fixed;inset:0;width:100%;height:100%;object-fit:contain;z-index:2000;background:#000'; document.body.append(img); }
              const t0 = performance.now();
              await new Promise(done => { img.onload = done; img.onerror = done; img.src = url; });
              await new Promise(done => requestAnimationFrame(() => done()));
              return performance.now() - t0;
            }""";

    @Test
    void keyToNextPhoto() throws Exception {
        String email = api().signUpNewUser();
        String token = api().login(email, USER_PASSWORD);
        List<Path> sources = BenchPhotos.twelveMegapixel();
        var ids = new ArrayList<String>();
        for (int i = 0; i < PHOTOS; i++) {
            byte[] bytes = TestImages.uniqueCopy(Files.readAllBytes(sources.get(i % sources.size())));
            ids.add(api().upload("bench" + i + ".jpg", bytes, token).json().get("id").asString());
        }
        for (String id : ids) {
            api().awaitThumbnail(id, token);
            ApiClient.await("the preview of " + id, Duration.ofSeconds(60), () -> api().getBytes("/api/v1/photos/" + id + "/preview", token),
                    preview -> preview.status() == 200);
        }

        try (Browser browser = Browser.launch()) {
            Page page = browser.newContext(1600, 1000).newPage();
            page.navigate("http://localhost:" + port + "/login");
            page.locator("vaadin-login-form input[name='username']").fill(email);
            page.locator("vaadin-login-form input[name='password']").fill(USER_PASSWORD);
            page.locator("vaadin-login-form input[name='password']").press("Enter");
            page.locator("#timeline-view").waitFor();
            page.locator("#timeline-days .tile").nth(PHOTOS - 1).waitFor();
            List<String> order = page.locator("#timeline-days .tile").all().stream().map(t -> t.getAttribute("data-photo-id")).toList();

            page.locator("#timeline-days .tile").first().click();
            page.waitForFunction("id => document.querySelector('#photo-viewer')?.dataset.shown === id", order.getFirst());
            var viewer = new ArrayList<Double>();
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 1; i < PHOTOS; i++) {
                    page.waitForTimeout(250);
                    viewer.add(((Number) page.evaluate(PRESS, round % 2 == 0 ? "ArrowRight" : "ArrowLeft")).doubleValue());
                }
            }
            page.keyboard().press("Escape");
            page.locator("#photo-viewer").waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));

            // baselines: the same previews in a plain <img>, fetched on demand (a fresh URL each time), then from the cache
            var plain = new ArrayList<Double>();
            var cached = new ArrayList<Double>();
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < PHOTOS; i++) {
                    page.waitForTimeout(250);
                    plain.add(((Number) page.evaluate(SWAP, "media/photos/" + order.get(i) + "/preview?cold=" + round + "-" + i)).doubleValue());
                }
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < PHOTOS; i++) {
                    page.waitForTimeout(100);
                    cached.add(((Number) page.evaluate(SWAP, "media/photos/" + order.get(i) + "/preview")).doubleValue());
                }
            }
            System.out.printf("ViewerBench: %d 12 MP photos (previews 1600 px), %d key presses%n", PHOTOS, viewer.size());
            System.out.printf("  viewer key → next photo shown: p50 %.1f ms, p95 %.1f ms (goal < 100 ms)%n", percentile(viewer, 50), percentile(viewer, 95));
            System.out.printf("  baseline, plain <img> swap fetched on demand: p50 %.1f ms, p95 %.1f ms%n", percentile(plain, 50), percentile(plain, 95));
            System.out.printf("  baseline, plain <img> swap from the cache: p50 %.1f ms, p95 %.1f ms%n", percentile(cached, 50), percentile(cached, 95));
        }
    }

    private static double percentile(List<Double> values, int p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
