package dev.lightbox.sync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lightbox.analysis.service.AnalysisService;
import dev.lightbox.analysis.service.SyncedAnalyses;
import dev.lightbox.analysis.service.SyncedAnalysisStored;
import dev.lightbox.storage.ObjectStore;
import dev.lightbox.support.ApiClient.Response;
import dev.lightbox.support.ApiClient.User;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The sync API on the real app: a device's hashes, metadata and attributes become photos without originals, per user. */
class SyncApiTest extends IntegrationTest {

    private static final String SYNC = "/api/v1/sync/attributes";
    private static final int VERSION = AnalysisService.currentVersion();

    @Autowired ConfigurableApplicationContext context;
    @Autowired SyncedAnalyses synced;
    @Autowired ObjectStore store;
    @Autowired JdbcClient jdbc;

    private final List<SyncedAnalysisStored> stored = new CopyOnWriteArrayList<>();
    private final ApplicationListener<PayloadApplicationEvent<SyncedAnalysisStored>> listener = ApplicationListener.forPayload(stored::add);

    @BeforeEach
    void listen() {
        context.addApplicationListener(listener);
    }

    @AfterEach
    void stopListening() {
        context.removeApplicationListener(listener);
    }

    @Test
    void itemsAreCreatedThenUnchangedThenUpdatedIdempotentlyAsPhotosWithoutOriginals() {
        User user = api().newUser();
        List<String> hashes = List.of(newSha(), newSha(), newSha());
        Response first = sync(user, hashes.stream().map(h -> item(h, attributes(0.5), metadata("Canon EOS R5"))).toList());
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(counts(first)).containsExactly(3, 0, 0);
        assertThat(syncRows(user)).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from photos where owner_id = :o and source = 'sync'").param("o", user.id()).query(Long.class).single())
                .isEqualTo(3);
        assertThat(stored).filteredOn(e -> e.ownerId().equals(user.id())).extracting(SyncedAnalysisStored::sha256)
                .containsExactlyInAnyOrderElementsOf(hashes);

        Response again = sync(user, hashes.stream().map(h -> item(h, attributes(0.5), metadata("Canon EOS R5"))).toList());
        assertThat(counts(again)).as("the same call twice changes nothing").containsExactly(0, 0, 3);
        assertThat(stored).filteredOn(e -> e.ownerId().equals(user.id())).hasSize(3);

        Response changed = sync(user, List.of(
                item(hashes.get(0), attributes(0.75), metadata("Canon EOS R5")),
                item(hashes.get(1), attributes(0.5), metadata("Nikon Z 6")),
                item(hashes.get(2), attributes(0.5), metadata("Canon EOS R5"))));
        assertThat(counts(changed)).containsExactly(0, 2, 1);
        assertThat(photoCount(user)).as("an update is no new photo").isEqualTo(3);
        assertThat(synced.find(user.id(), hashes.get(0)).orElseThrow().attributes()).containsEntry("sharpness", 0.75);
        assertThat(stored).filteredOn(e -> e.ownerId().equals(user.id())).as("metadata alone does not need rescoring")
                .extracting(SyncedAnalysisStored::sha256).hasSize(4)
                .satisfies(shas -> assertThat(shas).filteredOn(hashes.get(0)::equals).hasSize(2))
                .satisfies(shas -> assertThat(shas).filteredOn(hashes.get(1)::equals).as("only when created").hasSize(1));
        JsonNode camera = photoOf(user, hashes.get(1)).get("camera");
        assertThat(camera.get("make").asString() + " " + camera.get("model").asString()).isEqualTo("Nikon Z 6");
    }

    @Test
    void anotherDeviceReadsWhatChangedSinceATimePageByPageOldestFirst() {
        User user = api().newUser();
        List<String> hashes = IntStream.range(0, 5).mapToObj(i -> newSha()).toList();
        assertThat(sync(user, hashes.stream().map(h -> item(h, attributes(0.5), metadata("Fujifilm X-T5"))).toList()).status()).isEqualTo(200);

        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = api().get(SYNC + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), user.token());
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("items").forEach(all::add);
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(all).extracting(i -> i.get("sha256").asString()).containsExactlyInAnyOrderElementsOf(hashes);
        assertThat(pages).isBetween(3, 4);
        List<Instant> changedAt = all.stream().map(i -> Instant.parse(i.get("changedAt").asString())).toList();
        assertThat(changedAt).isSorted();
        JsonNode first = all.getFirst();
        assertThat(first.get("source").asString()).isEqualTo("sync");
        assertThat(first.get("analyzerVersion").asInt()).isEqualTo(VERSION);
        assertThat(first.get("attributes").get("exposure").asString()).isEqualTo("ok");
        assertThat(first.get("attributes").get("faces").get(0).get("w").asInt()).isEqualTo(120);
        assertThat(first.get("metadata").get("width").asInt()).isEqualTo(4000);
        assertThat(first.get("metadata").get("camera").asString()).isEqualTo("Fujifilm X-T5");
        assertThat(first.get("metadata").get("takenAt").asString()).isEqualTo("2024-06-01T14:30:00");

        Instant after = changedAt.getLast().plus(1, ChronoUnit.MICROS);
        assertThat(api().get(SYNC + "?since=" + after, user.token()).json().get("items")).isEmpty();
        assertThat(sync(user, List.of(item(hashes.get(2), attributes(0.9), metadata("Fujifilm X-T5")))).status()).isEqualTo(200);
        JsonNode since = api().get(SYNC + "?since=" + after, user.token()).json();
        assertThat(since.get("items")).singleElement().satisfies(i -> {
            assertThat(i.get("sha256").asString()).isEqualTo(hashes.get(2));
            assertThat(i.get("attributes").get("sharpness").asDouble()).isEqualTo(0.9);
        });
        assertThat(since.get("nextCursor").isNull()).isTrue();

        for (String bad : List.of("?cursor=not-a-cursor", "?since=yesterday", "?limit=0", "?limit=1001",
                "?since=%2B20000-01-01T00:00:00Z", "?since=-0001-01-01T00:00:00Z")) {
            Response refused = api().get(SYNC + bad, user.token());
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void everyProblemOfACallIsNamedByItemAndFieldAndNothingOfTheCallIsStored() {
        User user = api().newUser();
        String good = newSha();
        Map<String, Object> badValues = attributes(1.5);
        badValues.put("madeUp", 1);
        badValues.put("horizonTilt", -91);
        Map<String, Object> badMetadata = metadata("Canon");
        badMetadata.put("width", 0);
        Map<String, Object> first = item("xyz", badValues, badMetadata);
        first.put("analyzerVersion", VERSION - 1);
        Map<String, Object> ownerAndShapes = attributes(0.5);
        ownerAndShapes.put("personal", 4);
        ownerAndShapes.put("vision.caption", "a dog");
        ownerAndShapes.put("exposure", "fine");
        ownerAndShapes.put("faces", List.of(Map.of("x", 1, "y", 1, "w", "wide", "h", 1, "confidence", 0.9)));
        ownerAndShapes.put("faceCount", 2.5);
        ownerAndShapes.put("perceptualHash", "zz");
        ownerAndShapes.put("colorfulness", new java.math.BigDecimal("1e400"));
        Map<String, Object> datesAndSizes = metadata("Canon");
        datesAndSizes.put("takenAt", "2024-13-01T10:00:00");
        datesAndSizes.put("width", 20_000);
        datesAndSizes.put("height", 20_000);
        datesAndSizes.put("format", "gif");
        datesAndSizes.put("camera", "x".repeat(201));
        Map<String, Object> second = item(newSha(), ownerAndShapes, datesAndSizes);
        second.put("analysedAt", Instant.now().plus(2, ChronoUnit.DAYS).toString());

        Response refused = sync(user, List.of(item(good, attributes(0.5), metadata("Canon")), first, second,
                item(good.toUpperCase(), attributes(0.5), metadata("Canon"))));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(problems(refused)).containsExactlyInAnyOrder(
                tuple(1, "sha256"), tuple(1, "analyzerVersion"), tuple(1, "attributes.sharpness"), tuple(1, "attributes.madeUp"),
                tuple(1, "attributes.horizonTilt"), tuple(1, "metadata.width"),
                tuple(2, "attributes.personal"), tuple(2, "attributes.vision.caption"), tuple(2, "attributes.exposure"),
                tuple(2, "attributes.faces"), tuple(2, "attributes.faceCount"), tuple(2, "attributes.perceptualHash"),
                tuple(2, "attributes.colorfulness"), tuple(2, "metadata.takenAt"), tuple(2, "metadata.width"), tuple(2, "metadata.format"),
                tuple(2, "metadata.camera"), tuple(2, "analysedAt"),
                tuple(3, "sha256"));
        assertThat(refused.json().get("problems").get(0).get("problem").asString()).isNotBlank();
        assertThat(photoCount(user)).as("not even the good item is stored").isZero();
        assertThat(syncRows(user)).isZero();
    }

    @Test
    void anotherAnalyserVersionIsRefusedSayingWhatToDo() {
        User user = api().newUser();
        Map<String, Object> older = item(newSha(), attributes(0.5), metadata("Canon"));
        older.put("analyzerVersion", VERSION + 1);
        Response refused = sync(user, List.of(older));
        assertThat(refused.status()).isEqualTo(400);
        JsonNode problem = refused.json().get("problems").get(0);
        assertThat(problem.get("field").asString()).isEqualTo("analyzerVersion");
        assertThat(problem.get("problem").asString()).contains("version " + VERSION).contains("client");
        assertThat(photoCount(user)).isZero();

        JsonNode info = api().get("/api/v1/sync/info", user.token()).json();
        assertThat(info.get("analyzerVersion").asInt()).isEqualTo(VERSION);
        assertThat(info.get("maxItems").asInt()).isEqualTo(1000);
        assertThat(info.get("userId").asString()).isEqualTo(user.id().toString());
        assertThat(info.get("email").asString()).isEqualTo(user.email());
        assertThat(info.get("maxBytes").asLong()).isEqualTo(100L * 1024 * 1024);
        assertThat(info.get("maxPixels").asLong()).isEqualTo(100_000_000L);
        assertThat(info.get("faceDetector").asString()).isEqualTo("blazeface-full-range");
        assertThat(api().get("/api/v1/sync/info", "lbx_not-a-token").status()).isEqualTo(401);
    }

    @Test
    void tooManyItemsAnOversizedBodyAndNonJsonAreRefusedWholeWithAProblem() throws Exception {
        User user = api().newUser();
        List<Map<String, Object>> items = IntStream.range(0, 1001).mapToObj(i -> item(newSha(), attributes(0.5), metadata("Canon"))).toList();
        Response tooMany = sync(user, items);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("problems")).singleElement().satisfies(p -> {
            assertThat(p.get("index").isNull()).isTrue();
            assertThat(p.get("field").asString()).isEqualTo("items");
        });
        assertThat(sync(user, List.of()).status()).isEqualTo(400);
        Response notJson = api().post(SYNC, "{\"items\": [", user.token());
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("problems")).hasSize(1);

        // raw HTTP, so the server's answer is read before it closes: it answers without reading what it need not
        String claimed = rawPost(user.token(), "Content-Length: " + (8 * 1024 * 1024 + 1), new byte[0]);
        assertThat(claimed).as("a declared length over 8 MB is refused unread").startsWith("HTTP/1.1 413").contains("application/problem+json");
        byte[] data = new byte[8 * 1024 * 1024 + 1];
        java.util.Arrays.fill(data, (byte) ' ');
        var chunked = new java.io.ByteArrayOutputStream();
        chunked.writeBytes((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        chunked.writeBytes(data);
        chunked.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String streamed = rawPost(user.token(), "Transfer-Encoding: chunked", chunked.toByteArray());
        assertThat(streamed).as("a body without a length is bounded as it is read").startsWith("HTTP/1.1 413");
        assertThat(photoCount(user)).isZero();
        assertThat(api().post(SYNC, Map.of("items", List.of(item(newSha(), attributes(0.5), metadata("Canon")))), null).status()).isEqualTo(401);
    }

    @Test
    void aThousandItemsAreOneCallStoredTogether() {
        User user = api().newUser();
        List<Map<String, Object>> items = IntStream.range(0, 1000).mapToObj(i -> item(newSha(), attributes(0.5), metadata("Canon"))).toList();
        assertThat(counts(sync(user, items))).containsExactly(1000, 0, 0);
        assertThat(photoCount(user)).isEqualTo(1000);
        assertThat(syncRows(user)).isEqualTo(1000);
    }

    @Test
    void anotherUsersSyncOfTheSameBytesNeitherShowsUpForNorChangesTheFirstUsersPhoto() {
        User first = api().newUser();
        User second = api().newUser();
        String sha = newSha();
        assertThat(sync(first, List.of(item(sha, attributes(0.3), metadata("Canon EOS R5")))).status()).isEqualTo(200);
        assertThat(counts(sync(second, List.of(item(sha, attributes(0.8), metadata("Nikon Z 6")))))).as("new to the second user")
                .containsExactly(1, 0, 0);

        JsonNode firstChanges = api().get(SYNC, first.token()).json().get("items");
        assertThat(firstChanges).singleElement().satisfies(i -> assertThat(i.get("attributes").get("sharpness").asDouble()).isEqualTo(0.3));
        assertThat(synced.find(first.id(), sha).orElseThrow().attributes()).containsEntry("sharpness", 0.3);
        assertThat(photoOf(first, sha).get("camera").get("model").asString()).isEqualTo("EOS R5");
        assertThat(api().get(SYNC, second.token()).json().get("items")).singleElement()
                .satisfies(i -> assertThat(i.get("attributes").get("sharpness").asDouble()).isEqualTo(0.8));
        assertThat(stored).filteredOn(e -> e.sha256().equals(sha)).extracting(SyncedAnalysisStored::ownerId)
                .containsExactlyInAnyOrder(first.id(), second.id());
    }

    @Test
    void syncedPhotosAreListedAsSyncWithoutAnOriginalAndAnUploadedPhotoIsLeftAlone() throws Exception {
        User user = api().newUser();
        byte[] jpeg = TestImages.uniqueCopy(TestImages.read(TestImages.GRACE_HOPPER));
        Response upload = api().upload("grace.jpg", jpeg, user.token());
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        String uploadedSha = sha256(jpeg);
        String syncedSha = newSha();

        Response call = sync(user, List.of(item(uploadedSha, attributes(0.1), metadata("Canon")), item(syncedSha, attributes(0.5), metadata("Canon"))));
        assertThat(counts(call)).as("the uploaded photo's own analysis stands").containsExactly(1, 0, 1);
        assertThat(synced.find(user.id(), uploadedSha)).isEmpty();
        assertThat(jdbc.sql("select source from photos where owner_id = :o and sha256 = :s").param("o", user.id()).param("s", uploadedSha)
                .query(String.class).single()).isEqualTo("upload");

        JsonNode items = api().get("/api/v1/photos", user.token()).json().get("items");
        assertThat(items).hasSize(2);
        for (JsonNode item : items) {
            boolean isSynced = item.get("sha256").asString().equals(syncedSha);
            assertThat(item.get("source").asString()).isEqualTo(isSynced ? "sync" : "upload");
            assertThat(item.get("links").get("original").isNull()).as("original link of " + item.get("source")).isEqualTo(isSynced);
        }
        JsonNode photo = photoOf(user, syncedSha);
        assertThat(photo.get("source").asString()).isEqualTo("sync");
        assertThat(photo.get("width").asInt()).isEqualTo(4000);
    }

    @Test
    void anUploadedPhotoWhoseBytesWereAnalysedLongBeforeChangesWhenItWasUploaded() {
        User user = api().newUser();
        byte[] jpeg = TestImages.uniqueCopy(TestImages.read(TestImages.GRACE_HOPPER));
        assertThat(api().upload("grace.jpg", jpeg, user.token()).status()).isEqualTo(201);
        String sha = sha256(jpeg);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                jdbc.sql("select count(*) from photo_attributes where sha256 = :s").param("s", sha).query(Long.class).single() > 0);
        // as if another user's upload of the same bytes had been analysed a year ago
        jdbc.sql("update photo_attributes set analyzed_at = analyzed_at - interval '365 days' where sha256 = :s").param("s", sha).update();

        Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS);
        JsonNode items = api().get(SYNC + "?since=" + yesterday, user.token()).json().get("items");
        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.get("sha256").asString()).isEqualTo(sha);
            assertThat(Instant.parse(item.get("changedAt").asString())).isAfter(yesterday);
        });
    }

    @Test
    void aSyncCallAddsNoObjectToTheBucket() {
        User user = api().newUser();
        Set<String> before = keys();
        List<String> hashes = IntStream.range(0, 20).mapToObj(i -> newSha()).toList();
        assertThat(counts(sync(user, hashes.stream().map(h -> item(h, attributes(0.5), metadata("Canon"))).toList()))).containsExactly(20, 0, 0);
        Set<String> added = new HashSet<>(keys());
        added.removeAll(before);
        assertThat(added).as("no original is ever written by a sync")
                .noneMatch(key -> key.startsWith("originals/"))
                .noneMatch(key -> hashes.stream().anyMatch(key::contains));
        assertThat(photoCount(user)).isEqualTo(20);
    }

    @Test
    void theOpenApiDocumentDescribesTheSyncEndpoints() {
        JsonNode paths = api().get("/api/v1/openapi", null).json().get("paths");
        assertThat(paths.get(SYNC).has("post")).isTrue();
        assertThat(paths.get(SYNC).has("get")).isTrue();
        assertThat(paths.get("/api/v1/sync/info").has("get")).isTrue();
        assertThat(paths.get(SYNC).get("post").get("responses").has("413")).isTrue();
    }

    /** POSTs to the sync endpoint over a plain socket with one framing header, and reads the answer's head. */
    private String rawPost(String token, String framing, byte[] body) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + SYNC + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nConnection: close\r\n" + framing + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            var head = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) head.append(line).append('\n');
            return head.toString();
        }
    }

    private Response sync(User user, List<Map<String, Object>> items) {
        return api().post(SYNC, Map.of("items", items), user.token());
    }

    private static List<Integer> counts(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode json = response.json();
        return List.of(json.get("created").asInt(), json.get("updated").asInt(), json.get("unchanged").asInt());
    }

    private static List<org.assertj.core.groups.Tuple> problems(Response response) {
        return StreamSupport.stream(response.json().get("problems").spliterator(), false)
                .map(p -> tuple(p.get("index").isNull() ? null : p.get("index").asInt(), p.get("field").asString())).toList();
    }

    private JsonNode photoOf(User user, String sha) {
        UUID id = jdbc.sql("select id from photos where owner_id = :o and sha256 = :s").param("o", user.id()).param("s", sha)
                .query(UUID.class).single();
        Response photo = api().get("/api/v1/photos/" + id, user.token());
        assertThat(photo.status()).as(photo.body()).isEqualTo(200);
        return photo.json();
    }

    private long photoCount(User user) {
        return jdbc.sql("select count(*) from photos where owner_id = :o").param("o", user.id()).query(Long.class).single();
    }

    private long syncRows(User user) {
        return jdbc.sql("select count(*) from synced_analyses where owner_id = :o").param("o", user.id()).query(Long.class).single();
    }

    private Set<String> keys() {
        Set<String> keys = new HashSet<>();
        store.forEach("", o -> keys.add(o.key()));
        return keys;
    }

    private static Map<String, Object> item(String sha, Map<String, Object> attributes, Map<String, Object> metadata) {
        var item = new LinkedHashMap<String, Object>();
        item.put("sha256", sha);
        item.put("analyzerVersion", VERSION);
        item.put("attributes", attributes);
        item.put("metadata", metadata);
        item.put("analysedAt", "2024-06-02T08:00:00Z");
        return item;
    }

    /** What the analyser writes for a photo with one face; {@code sharpness} varies to tell versions apart. */
    private static Map<String, Object> attributes(double sharpness) {
        var attributes = new LinkedHashMap<String, Object>();
        attributes.put("sharpness", sharpness);
        attributes.put("brightness", 0.46);
        attributes.put("shadowClipping", 0.01);
        attributes.put("highlightClipping", 0.0);
        attributes.put("exposure", "ok");
        attributes.put("contrast", 0.38);
        attributes.put("noise", 0.12);
        attributes.put("colorfulness", 41.7);
        attributes.put("saturation", 0.33);
        attributes.put("brisque", 23.1);
        attributes.put("perceptualHash", "a1b2c3d4e5f60718");
        attributes.put("thirds", 0.42);
        attributes.put("horizonTilt", -1.5);
        attributes.put("horizonConfidence", 0.2);
        attributes.put("faceCount", 1);
        attributes.put("faces", List.of(Map.of("x", 1510, "y", 900, "w", 120, "h", 130, "confidence", 0.93,
                "rightEye", List.of(1540.5, 950.0), "leftEye", List.of(1590.0, 951.5))));
        attributes.put("faceDetector", "blazeface-full-range");
        return attributes;
    }

    private static Map<String, Object> metadata(String camera) {
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("takenAt", "2024-06-01T14:30:00");
        metadata.put("camera", camera);
        metadata.put("lens", "24-70mm F2.8");
        metadata.put("width", 4000);
        metadata.put("height", 3000);
        metadata.put("fileName", "DSC_0042.JPG");
        metadata.put("sizeBytes", 6_512_000);
        return metadata;
    }

    private static String newSha() {
        return sha256(UUID.randomUUID().toString().getBytes());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
