package dev.lightbox.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightbox.library.domain.PhotoRepository;
import dev.lightbox.storage.ObjectStore;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.ApiClient.Response;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class LibraryApiTest extends IntegrationTest {

    @Autowired
    PhotoRepository photos;
    @Autowired
    ObjectStore store;

    private String newUserToken() {
        return api().newUser().token();
    }

    @Test
    void uploadsRealPhotosAndServesTheirRenditions() throws Exception {
        var api = api();
        String token = newUserToken();
        byte[] grace = TestImages.read(TestImages.GRACE_HOPPER);
        Response created = api.upload("grace.jpg", grace, token);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("duplicate").asBoolean()).isFalse();
        assertThat(created.json().get("width").asInt()).isEqualTo(512);
        assertThat(created.json().get("height").asInt()).isEqualTo(512);
        assertThat(created.json().get("sha256").asString()).isEqualTo(sha256(grace));
        String id = created.json().get("id").asString();

        Response messi = api.upload("messi5.jpg", TestImages.read(TestImages.MESSI), token);
        assertThat(messi.status()).isEqualTo(201);
        assertThat(messi.json().get("width").asInt()).isEqualTo(548);

        Response photo = api.get("/api/v1/photos/" + id, token);
        assertThat(photo.json().get("format").asString()).isEqualTo("JPEG");
        assertThat(photo.json().get("originalName").asString()).isEqualTo("grace.jpg");
        assertThat(photo.json().get("takenAtSource").asString()).isEqualTo("UPLOAD");

        var thumbnail = api.awaitThumbnail(id, token);
        assertThat(thumbnail.status()).isEqualTo(200);
        assertThat(thumbnail.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(thumbnail.header("Cache-Control")).contains("max-age=31536000").contains("immutable");
        var thumb = TestImages.decode(thumbnail.body());
        assertThat(Math.max(thumb.cols(), thumb.rows())).isEqualTo(400);

        var preview = TestImages.decode(api.getBytes("/api/v1/photos/" + id + "/preview", token).body());
        assertThat(preview.cols()).as("small originals are never enlarged").isEqualTo(512);

        var original = api.getBytes("/api/v1/photos/" + id + "/original", token);
        assertThat(original.body()).isEqualTo(grace);
        assertThat(original.header("ETag")).isEqualTo("\"" + sha256(grace) + "\"");
        assertThat(original.header("Accept-Ranges")).isEqualTo("bytes");

        var notModified = api.getBytes("/api/v1/photos/" + id + "/thumbnail", token, "If-None-Match", thumbnail.header("ETag"));
        assertThat(notModified.status()).isEqualTo(304);

        var range = api.getBytes("/api/v1/photos/" + id + "/original", token, "Range", "bytes=100-199");
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.header("Content-Range")).isEqualTo("bytes 100-199/" + grace.length);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(grace, 100, 200));
        assertThat(api.getBytes("/api/v1/photos/" + id + "/original", token, "Range", "bytes=-10").body())
                .isEqualTo(Arrays.copyOfRange(grace, grace.length - 10, grace.length));
        assertThat(api.getBytes("/api/v1/photos/" + id + "/original", token, "Range", "bytes=" + grace.length + "-").status()).isEqualTo(416);
    }

    @Test
    void acceptsPngWebpAndTiff() {
        var api = api();
        String token = newUserToken();
        var picture = TestImages.picture(640, 480, 7);
        for (String extension : List.of(".png", ".webp", ".tiff")) {
            Response response = api.upload("generated" + extension, TestImages.encode(picture, extension), token);
            assertThat(response.status()).as(extension + ": " + response.body()).isEqualTo(201);
            assertThat(response.json().get("width").asInt()).isEqualTo(640);
            assertThat(response.json().get("height").asInt()).isEqualTo(480);
            String id = response.json().get("id").asString();
            var thumb = TestImages.decode(api.awaitThumbnail(id, token).body());
            assertThat(thumb.cols()).isEqualTo(400);
            assertThat(thumb.rows()).isEqualTo(300);
        }
    }

    @Test
    void rejectsBadFilesWithAReasonAndKeepsNothing() {
        var api = api();
        String token = newUserToken();
        byte[] jpeg = TestImages.jpeg(800, 600, 3);
        record Case(String name, byte[] bytes, int status, String detail) {
        }
        var cases = List.of(
                new Case("empty.jpg", new byte[0], 400, "empty"),
                new Case("notes.jpg", "just some text, not a photo".getBytes(StandardCharsets.UTF_8), 415, "not an image"),
                new Case("logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8), 415, "scripts"),
                new Case("page.html", "<!DOCTYPE html><html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8), 415, "scripts"),
                new Case("phone.heic", heicHeader(), 415, "HEIC"),
                new Case("anim.gif", "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1), 415, "GIF"),
                new Case("cut.jpg", Arrays.copyOf(jpeg, jpeg.length * 2 / 3), 400, "truncated"),
                new Case("broken.jpg", brokenJpeg(), 400, "damaged"),
                new Case("broken.png", brokenPng(), 400, "damaged"),
                new Case("bomb.png", TestImages.pngBomb(40_000, 40_000), 413, "1600 MP"));
        Set<String> objectsBefore = objectKeys();
        UUID owner = ownerOf(token);
        for (Case c : cases) {
            Response response = api.upload(c.name(), c.bytes(), token);
            assertThat(response.status()).as(c.name() + ": " + response.body()).isEqualTo(c.status());
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.detail()).as(c.name()).containsIgnoringCase(c.detail());
        }
        assertThat(photos.countByOwnerId(owner)).as("no rows").isZero();
        assertThat(objectKeys()).as("no objects, not even temporary ones").isEqualTo(objectsBefore);
    }

    @Test
    void dedupesForTheSameUserAndSharesTheOriginalAcrossUsers() {
        var api = api();
        String alice = newUserToken();
        String bob = newUserToken();
        byte[] bytes = TestImages.jpeg(1200, 900, 11);
        Response first = api.upload("a.jpg", bytes, alice);
        assertThat(first.status()).isEqualTo(201);
        api.awaitThumbnail(first.json().get("id").asString(), alice);
        Set<String> objectsAfterFirst = objectKeys();

        Response again = api.upload("a-copy.jpg", bytes, alice);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().get("id").asString()).isEqualTo(first.json().get("id").asString());

        Response bobs = api.upload("b.jpg", bytes, bob);
        assertThat(bobs.status()).isEqualTo(201);
        assertThat(bobs.json().get("id").asString()).isNotEqualTo(first.json().get("id").asString());
        assertThat(bobs.json().get("sha256").asString()).isEqualTo(first.json().get("sha256").asString());
        assertThat(objectKeys()).as("one stored original for both").isEqualTo(objectsAfterFirst);
        var photoJson = api.get("/api/v1/photos/" + first.json().get("id").asString(), alice).json();
        assertThat(photoJson.get("jobs").values()).extracting(j -> j.get("type").asString()).contains("library.renditions", "analysis.photo");
        assertThat(photoJson.get("jobs").values()).extracting(j -> j.get("title").asString()).contains("Preview and thumbnail", "Photo analysis");
        assertThat(photoJson.get("jobs").values()).filteredOn(j -> j.get("type").asString().equals("library.renditions"))
                .extracting(j -> j.get("status").asString()).containsExactly("SUCCEEDED");

        String sha = first.json().get("sha256").asString();
        assertThat(api.deleteForever(first.json().get("id").asString(), alice).status()).isEqualTo(204);
        assertThat(store.stat("originals/" + sha)).as("Bob still has it").isPresent();
        assertThat(api.deleteForever(bobs.json().get("id").asString(), bob).status()).isEqualTo(204);
        // deleted after the commit, by the content-deletion job enqueued with it
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(store.stat("originals/" + sha)).as("the last reference took the original").isEmpty();
            assertThat(store.stat("derived/" + sha + "/thumb-400.jpg")).isEmpty();
            assertThat(store.stat("derived/" + sha + "/preview-1600.jpg")).isEmpty();
        });
        assertThat(api.get("/api/v1/photos/" + bobs.json().get("id").asString(), bob).status()).isEqualTo(404);
    }

    @Test
    void aPhotoDeletedThenUploadedAgainGetsItsRenditionsAgain() {
        var api = api();
        String token = newUserToken();
        byte[] bytes = TestImages.jpeg(900, 600, 41);
        String first = api.upload("again.jpg", bytes, token).json().get("id").asString();
        String sha = api.get("/api/v1/photos/" + first, token).json().get("sha256").asString();
        api.awaitThumbnail(first, token);
        assertThat(api.deleteForever(first, token).status()).isEqualTo(204);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(store.stat("derived/" + sha + "/thumb-400.jpg")).isEmpty());

        var second = api.upload("again.jpg", bytes, token);
        assertThat(second.status()).isEqualTo(201);
        assertThat(api.awaitThumbnail(second.json().get("id").asString(), token).status()).isEqualTo(200);
    }

    @Test
    void aPhotoDeletedBeforeItsRenditionsAreMadeLeavesNoObjectsAndNoFailedJob() throws Exception {
        var api = api();
        String token = newUserToken();
        Set<String> before = objectKeys();
        var created = api.upload("fleeting.jpg", TestImages.jpeg(3000, 2000, 31), token);
        String id = created.json().get("id").asString();
        String job = api.get("/api/v1/photos/" + id, token).json().get("jobs").get(0).get("id").asString();
        assertThat(api.deleteForever(id, token).status()).isEqualTo(204);
        api.awaitJobSucceeded(job, token, Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(objectKeys()).isEqualTo(before));
    }

    @Test
    void readsExifOrientationTimeAndGpsAndKeepsGpsOutOfRenditions() {
        var api = api();
        String token = newUserToken();
        // stored 600x400 with orientation 6: the camera was turned, upright it is 400 wide and 600 high
        byte[] rotated = TestImages.withExif(TestImages.jpeg(600, 400, 5), 6, "2024:07:14 18:30:05", 64.0481, -16.1792);
        Response created = api.upload("turned.jpg", rotated, token);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("width").asInt()).isEqualTo(400);
        assertThat(created.json().get("height").asInt()).isEqualTo(600);
        assertThat(created.json().get("takenAt").asString()).isEqualTo("2024-07-14T18:30:05");
        String id = created.json().get("id").asString();

        var photo = api.get("/api/v1/photos/" + id, token).json();
        assertThat(photo.get("takenAtSource").asString()).isEqualTo("EXIF");
        assertThat(photo.get("location").get("latitude").asDouble()).isCloseTo(64.0481, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(photo.get("location").get("longitude").asDouble()).isCloseTo(-16.1792, org.assertj.core.data.Offset.offset(1e-4));

        byte[] thumbnailBytes = api.awaitThumbnail(id, token).body();
        var thumb = TestImages.decode(thumbnailBytes);
        assertThat(thumb.cols()).isEqualTo(267);
        assertThat(thumb.rows()).isEqualTo(400);
        // the red block drawn at the stored top-left sits at the upright top-right after a 90° clockwise turn
        var topRight = thumb.ptr(10, thumb.cols() - 10);
        var topLeft = thumb.ptr(10, 10);
        assertThat(topRight.get(2) & 0xFF).as("red at top right").isGreaterThan(200);
        assertThat(topLeft.get(2) & 0xFF).as("not red at top left").isLessThan(200);
        assertThat(new String(thumbnailBytes, StandardCharsets.ISO_8859_1)).doesNotContain("Exif");
        byte[] preview = api.getBytes("/api/v1/photos/" + id + "/preview", token).body();
        assertThat(new String(preview, StandardCharsets.ISO_8859_1)).doesNotContain("Exif");
    }

    @Test
    void anotherUsersPhotoIsNotFoundEverywhere() {
        var api = api();
        String alice = newUserToken();
        String bob = newUserToken();
        String id = api.upload("mine.jpg", TestImages.jpeg(300, 200, 21), alice).json().get("id").asString();
        assertThat(api.get("/api/v1/photos/" + id, bob).status()).isEqualTo(404);
        for (String rendition : List.of("thumbnail", "preview", "original")) {
            assertThat(api.getBytes("/api/v1/photos/" + id + "/" + rendition, bob).status()).isEqualTo(404);
        }
        assertThat(api.delete("/api/v1/photos/" + id, bob).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/photos?limit=500", bob).json().get("items").values()).isEmpty();
        assertThat(api.get("/api/v1/photos/" + id, alice).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/photos", null).status()).isEqualTo(401);
    }

    @Test
    void malformedUploadsAre400() {
        var api = api();
        String token = newUserToken();
        Response noFile = api.post("/api/v1/photos", "{}", token);
        assertThat(noFile.status()).isIn(400, 415);
        assertThat(api.get("/api/v1/photos?limit=0", token).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/photos?cursor=garbage", token).detail()).startsWith("cursor:");
    }

    private UUID ownerOf(String token) {
        return UUID.fromString(api().get("/api/v1/auth/me", token).json().get("id").asString());
    }

    private Set<String> objectKeys() {
        var keys = new TreeSet<String>();
        for (var object : store.list("")) keys.add(object.key());
        return keys;
    }

    private static byte[] heicHeader() {
        byte[] bytes = new byte[64];
        byte[] ftyp = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c'};
        System.arraycopy(ftyp, 0, bytes, 0, ftyp.length);
        return bytes;
    }

    /** A JPEG whose frame header and scan were overwritten with noise: starts and ends right, decodes to nothing. */
    private static byte[] brokenJpeg() {
        byte[] bytes = TestImages.jpeg(400, 300, 9);
        var random = new java.util.Random(1);
        for (int i = 2; i < bytes.length - 2; i++) bytes[i] = (byte) random.nextInt(256);
        bytes[2] = (byte) 0xFF;
        bytes[3] = (byte) 0xC0; // a frame header claiming a sane size, followed by garbage
        bytes[4] = 0;
        bytes[5] = 17;
        bytes[6] = 8;
        bytes[7] = 1;
        bytes[8] = 44;
        bytes[9] = 1;
        bytes[10] = (byte) 144;
        return bytes;
    }

    /** A PNG whose image data was overwritten: header and end are intact. */
    private static byte[] brokenPng() {
        byte[] bytes = TestImages.encode(TestImages.picture(300, 200, 4), ".png");
        for (int i = 60; i < bytes.length - 40; i++) bytes[i] = (byte) (i * 31);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
