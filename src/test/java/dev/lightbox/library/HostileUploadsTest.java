package dev.lightbox.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightbox.library.domain.PhotoRepository;
import dev.lightbox.storage.ObjectStore;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.ApiClient.Response;
import dev.lightbox.support.HostileFiles;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Hostile and odd files through the real upload API: a clear answer, nothing kept for a refusal, no harm done. */
class HostileUploadsTest extends IntegrationTest {

    @Autowired
    PhotoRepository photos;
    @Autowired
    ObjectStore store;

    private String newUserToken() {
        return api().newUser().token();
    }

    @Test
    void contradictoryHeadersAndDamagedScansAreRefusedAndLeaveNothing() {
        var api = api();
        String token = newUserToken();
        byte[] jpeg = TestImages.jpeg(1600, 1200, 9);
        Set<String> objectsBefore = objectKeys();
        record Case(String name, byte[] bytes, String detail) {
        }
        for (Case c : new Case[] {
                new Case("sliver.tiff", HostileFiles.tiffWithDuplicateWidth(2000, 1, 2000), "contradicts itself"),
                new Case("grey.jpg", HostileFiles.jpegWithDamagedScan(jpeg), "damaged"),
                new Case("cut.jpg", HostileFiles.jpegCutShortWithEndMarker(jpeg), "truncated")}) {
            Response response = api.upload(c.name(), c.bytes(), token);
            assertThat(response.status()).as(c.name() + ": " + response.body()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.detail()).as(c.name()).containsIgnoringCase(c.detail());
        }
        assertThat(photos.countByOwnerId(ownerOf(api, token))).isZero();
        assertThat(objectKeys()).isEqualTo(objectsBefore);
    }

    @Test
    void aMotionPhotoTrailerAfterTheEndMarkerIsAccepted() {
        var api = api();
        Response response = api.upload("motion.jpg", HostileFiles.jpegWithTrailer(TestImages.jpeg(800, 600, 12)), newUserToken());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("width").asInt()).isEqualTo(800);
    }

    @Test
    void aCompressedTextBombIsStoredWithoutInflatingIt() {
        var api = api();
        byte[] bomb = HostileFiles.pngWithTextBomb(2048); // 2 GB of text once inflated, about 2 MB on the wire
        Response response = api.upload("bomb.png", bomb, newUserToken());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("width").asInt()).isEqualTo(64);
    }

    @Test
    void oversizedExifAnswers413() {
        Response response = api().upload("exif.png", HostileFiles.pngWithExif(2 * 1024 * 1024), newUserToken());
        assertThat(response.status()).as(response.body()).isEqualTo(413);
        assertThat(response.detail()).contains("EXIF");
    }

    @Test
    void imagesOnePixelHighOrWideAreAnalysedOnTheFirstAttempt() {
        var api = api();
        String token = newUserToken();
        for (int[] size : new int[][] {{1, 1}, {1, 300}, {300, 1}}) {
            byte[] png = TestImages.encode(new Mat(size[1], size[0], org.bytedeco.opencv.global.opencv_core.CV_8UC3, new Scalar(90, 120, 200, 0)), ".png");
            Response created = api.upload("sliver.png", png, token);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.json().get("id").asString();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                var photo = api.get("/api/v1/photos/" + id, token).json();
                assertThat(photo.path("analysis").path("status").asString()).as(size[0] + "×" + size[1]).isEqualTo("done");
            });
            var jobs = api.get("/api/v1/photos/" + id, token).json().get("jobs").values();
            assertThat(jobs).isNotEmpty().allSatisfy(ref -> {
                var job = api.get("/api/v1/jobs/" + ref.get("id").asString(), token).json();
                assertThat(job.get("status").asString()).as(job.get("type").asString()).isEqualTo("SUCCEEDED");
                assertThat(job.get("attempts").asInt()).as(job.get("type").asString()).isEqualTo(1);
            });
        }
    }

    @Test
    void twoFilesInOneRequestAreRefusedAndNeitherIsKept() throws Exception {
        var api = api();
        String token = newUserToken();
        Set<String> objectsBefore = objectKeys();
        String boundary = "lightbox-" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        for (int seed : new int[] {21, 22}) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + seed
                    + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(TestImages.jpeg(640, 480, seed));
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/photos"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("one photo per request");
        assertThat(photos.countByOwnerId(ownerOf(api, token))).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(objectKeys()).isEqualTo(objectsBefore));
    }

    @Test
    void aFileNameWithControlCharactersIsKeptClean() {
        var api = api();
        String token = newUserToken();
        Response created = api.upload("holi\u0000day\u0007.jpg", TestImages.jpeg(320, 240, 23), token);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var photo = api.get("/api/v1/photos/" + created.json().get("id").asString(), token).json();
        assertThat(photo.get("originalName").asString()).isEqualTo("holiday.jpg");
    }

    @Test
    void aRangeBeyondAnyNumberAnswers416() {
        var api = api();
        String token = newUserToken();
        byte[] jpeg = TestImages.jpeg(320, 240, 24);
        String id = api.upload("r.jpg", jpeg, token).json().get("id").asString();
        var beyond = api.getBytes("/api/v1/photos/" + id + "/original", token, "Range", "bytes=99999999999999999999999-");
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.header("Content-Range")).isEqualTo("bytes */" + jpeg.length);
        for (String range : new String[] {"bytes=-99999999999999999999999x", "bytes=5-1"}) { // not served: ignored
            var response = api.getBytes("/api/v1/photos/" + id + "/original", token, "Range", range);
            assertThat(response.status()).as(range).isEqualTo(200);
            assertThat(response.body()).isEqualTo(jpeg);
        }
        var whole = api.getBytes("/api/v1/photos/" + id + "/original", token, "Range", "bytes=0-99999999999999999999999");
        assertThat(whole.status()).isEqualTo(206);
        assertThat(whole.body()).isEqualTo(jpeg);
    }

    private UUID ownerOf(ApiClient api, String token) {
        return UUID.fromString(api.get("/api/v1/auth/me", token).json().get("id").asString());
    }

    private Set<String> objectKeys() {
        var keys = new TreeSet<String>();
        for (var object : store.list("")) keys.add(object.key());
        return keys;
    }
}
