package dev.lightbox.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.lightbox.culling.domain.GroupRepository;
import dev.lightbox.culling.domain.Shot;
import dev.lightbox.library.service.TrashPurges;
import dev.lightbox.retention.ExpiringResults;
import dev.lightbox.storage.ObjectStore;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.ApiClient.Response;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.ScoredPhotos;
import dev.lightbox.support.TestClock;
import dev.lightbox.support.TestImages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The trash: {@code DELETE /api/v1/photos/{id}} moves a photo there (everything about it kept, left out of every listing),
 * {@code /api/v1/trash} lists, restores, deletes forever and empties it, and the retention sweep purges what expired.
 */
class TrashApiTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Autowired ObjectStore store;
    @Autowired JdbcClient jdbc;
    @Autowired List<ExpiringResults> expiring;
    @Autowired TestClock.MovableClock clock;
    @Autowired PlatformTransactionManager transactions;
    @Autowired GroupRepository groupRepository;

    @Test
    void aTrashedPhotoLeavesEveryListingAndComesBackWithEverythingOnRestore() throws InterruptedException {
        var user = api().newUser();
        String token = user.token();
        Mat fruits = TestImages.decode(TestImages.read(TestImages.FRUITS));
        Mat smallFruits = new Mat();
        resize(fruits, smallFruits, new Size(fruits.cols() / 2, fruits.rows() / 2), 0, 0, INTER_AREA);
        var ids = new LinkedHashMap<String, String>();
        ids.put("fruits", upload(token, "fruits.jpg", TestImages.uniqueCopy(TestImages.encode(fruits, ".jpg"))));
        ids.put("small", upload(token, "small.jpg", TestImages.uniqueCopy(TestImages.encode(smallFruits, ".jpg"))));
        ids.put("hopper", upload(token, "hopper.jpg", TestImages.uniqueCopy(TestImages.read(TestImages.GRACE_HOPPER))));
        for (String id : ids.values()) ScoredPhotos.awaitScore(api(), token, id);
        String hopper = ids.get("hopper");
        String fruit = ids.get("fruits");
        assertThat(api().put("/api/v1/photos/" + hopper + "/labels", List.of("keep"), token).status()).isEqualTo(200);
        assertThat(api().put("/api/v1/photos/" + fruit + "/labels", List.of("keep"), token).status()).isEqualTo(200);
        assertThat(api().put("/api/v1/photos/" + hopper + "/rating", Map.of("stars", 4), token).status()).isEqualTo(200);
        assertThat(api().post("/api/v1/photos/" + hopper + "/skin", "", token).status()).isBetween(200, 202);
        JsonNode checkin = awaitJson("the check-in is measured", "/api/v1/skin/checkins/" + hopper, token,
                c -> c.get("status").asString().equals("done"));
        awaitJson("fruits and their small copy are grouped", "/api/v1/groups?kind=similar&limit=100", token,
                page -> groupsWith(page, fruit));

        Map<String, JsonNode> before = answers(token, hopper, fruit);
        assertThat(ids(before.get("ranking"))).contains(hopper, fruit);

        assertThat(api().delete("/api/v1/photos/" + hopper, token).status()).isEqualTo(204);
        assertThat(api().delete("/api/v1/photos/" + fruit, token).status()).isEqualTo(204);
        assertThat(api().delete("/api/v1/photos/" + fruit, token).status()).as("already in the trash").isEqualTo(404);

        // gone from every listing
        assertThat(ids(api().get("/api/v1/photos", token).json())).containsExactly(ids.get("small"));
        assertThat(ids(api().get("/api/v1/photos?sort=score", token).json())).containsExactly(ids.get("small"));
        assertThat(ids(api().get("/api/v1/photos?label=keep", token).json())).isEmpty();
        assertThat(api().get("/api/v1/labels", token).json().values()).as("training label sets").isEmpty();
        assertThat(api().get("/api/v1/profile", token).json().get("photos").asInt()).as("profile inputs").isEqualTo(1);
        assertThat(groupsWith(api().get("/api/v1/groups?kind=similar&limit=100", token).json(), fruit)).as("groups").isFalse();
        assertThat(ids(api().get("/api/v1/skin/checkins", token).json(), "photoId")).as("skin diary").doesNotContain(hopper);
        assertThat(api().get("/api/v1/analysis", token).json().get("photos").asInt()).isEqualTo(1);
        assertThat(api().get("/api/v1/taste", token).json().get("ratings").asInt()).as("taste counts no trashed rating").isZero();
        assertThat(groupRepository.shots(user.id())).extracting(Shot::photoId).as("a regroup meanwhile keeps trashed photos in their groups")
                .contains(UUID.fromString(hopper), UUID.fromString(fruit));

        // still answers, with its media (the trash page shows thumbnails)
        JsonNode trashedPhoto = api().get("/api/v1/photos/" + hopper, token).json();
        assertThat(trashedPhoto.has("trashedAt")).isTrue();
        assertThat(api().getBytes("/api/v1/photos/" + hopper + "/thumbnail", token).status()).isEqualTo(200);

        JsonNode trash = api().get("/api/v1/trash", token).json();
        assertThat(ids(trash)).containsExactly(fruit, hopper); // newest trashed first
        for (JsonNode item : trash.get("items").values()) {
            Instant trashedAt = Instant.parse(item.get("trashedAt").asString());
            assertThat(Instant.parse(item.get("expiresAt").asString())).isEqualTo(trashedAt.plus(Duration.ofDays(30)));
        }
        assertThat(trash.get("nextCursor").isNull()).isTrue();

        Response restored = api().post("/api/v1/trash/" + hopper + "/restore", "", token);
        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.json().get("id").asString()).isEqualTo(hopper);
        assertThat(restored.json().has("trashedAt")).isFalse();
        assertThat(api().post("/api/v1/trash/" + fruit + "/restore", "", token).status()).isEqualTo(200);
        assertThat(api().post("/api/v1/trash/" + fruit + "/restore", "", token).status()).as("no longer in the trash").isEqualTo(404);

        Map<String, JsonNode> after = answers(token, hopper, fruit);
        assertThat(after).isEqualTo(before);
        assertThat(checkin.get("status").asString()).isEqualTo("done");
        assertThat(api().get("/api/v1/trash", token).json().get("items").values()).isEmpty();
    }

    @Test
    void expiredTrashIsPurgedWithItsUnsharedBlobsButABlobAnotherUserUploadedStays() {
        var alice = api().newUser();
        var bob = api().newUser();
        byte[] own = TestImages.jpeg(640, 480, 18_001);
        byte[] shared = TestImages.jpeg(640, 480, 18_002);
        String mine = upload(alice.token(), "own.jpg", own);
        String ours = upload(alice.token(), "shared.jpg", shared);
        String bobs = upload(bob.token(), "shared.jpg", shared);
        String bobsTrashed = upload(bob.token(), "bobs.jpg", TestImages.jpeg(640, 480, 18_003));
        assertThat(api().delete("/api/v1/photos/" + bobsTrashed, bob.token()).status()).isEqualTo(204);
        String ownSha = sha(alice.token(), mine);
        String sharedSha = sha(alice.token(), ours);
        api().awaitThumbnail(mine, alice.token());
        api().awaitThumbnail(ours, alice.token());
        api().put("/api/v1/photos/" + mine + "/labels", List.of("gone"), alice.token());
        assertThat(api().delete("/api/v1/photos/" + mine, alice.token()).status()).isEqualTo(204);
        assertThat(api().delete("/api/v1/photos/" + ours, alice.token()).status()).isEqualTo(204);

        try {
            clock.advance(Duration.ofDays(29));
            purge(alice.id());
            assertThat(ids(api().get("/api/v1/trash", alice.token()).json())).as("not expired yet").containsExactlyInAnyOrder(mine, ours);

            clock.advance(Duration.ofDays(2));
            purge(alice.id());
            assertThat(purge(alice.id()).results()).as("a second sweep finds nothing left").isZero();
        } finally {
            clock.reset();
        }
        assertThat(api().get("/api/v1/photos/" + mine, alice.token()).status()).isEqualTo(404);
        assertThat(api().get("/api/v1/photos/" + ours, alice.token()).status()).isEqualTo(404);
        assertThat(api().get("/api/v1/trash", alice.token()).json().get("items").values()).isEmpty();
        assertThat(jdbc.sql("select count(*) from photo_labels where photo_id = :id").param("id", UUID.fromString(mine)).query(Long.class).single())
                .isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(store.stat("originals/" + ownSha)).as("nothing else referenced it").isEmpty();
            assertThat(store.stat("derived/" + ownSha + "/thumb-400.jpg")).isEmpty();
        });
        assertThat(store.stat("originals/" + sharedSha)).as("Bob's photo still references it").isPresent();
        assertThat(api().getBytes("/api/v1/photos/" + bobs + "/original", bob.token()).status()).isEqualTo(200);
        assertThat(ids(api().get("/api/v1/trash", bob.token()).json())).as("the purge for Alice leaves Bob's trash").containsExactly(bobsTrashed);
    }

    @Test
    void emptyingTheTrashLeavesAPhotoRestoredWhileItRan() throws Exception {
        var alice = api().newUser();
        String photo = upload(alice.token(), "restored.jpg", TestImages.jpeg(320, 240, 18_030));
        assertThat(api().delete("/api/v1/photos/" + photo, alice.token()).status()).isEqualTo(204);
        UUID id = UUID.fromString(photo);
        Response emptied = whileLocked(id, "%from photos%", () -> api().delete("/api/v1/trash", alice.token()),
                () -> jdbc.sql("update photos set trashed_at = null where id = :id").param("id", id).update());
        assertThat(emptied.status()).isEqualTo(200);
        assertThat(emptied.json().get("deleted").asInt()).as("restored before the empty reached it").isZero();
        assertThat(api().get("/api/v1/photos/" + photo, alice.token()).status()).isEqualTo(200);
        assertThat(ids(api().get("/api/v1/photos", alice.token()).json())).containsExactly(photo);
    }

    @Test
    void reuploadingATrashedPhotoThePurgeDeletesMeanwhileMakesANewPhoto() throws Exception {
        var alice = api().newUser();
        byte[] bytes = TestImages.jpeg(320, 240, 18_040);
        String photo = upload(alice.token(), "purged.jpg", bytes);
        assertThat(api().delete("/api/v1/photos/" + photo, alice.token()).status()).isEqualTo(204);
        UUID id = UUID.fromString(photo);
        Response reupload = whileLocked(id, "update photos set trashed_at = null%", () -> api().upload("purged.jpg", bytes, alice.token()),
                () -> jdbc.sql("delete from photos where id = :id").param("id", id).update());
        assertThat(reupload.status()).as(reupload.body()).isEqualTo(201);
        assertThat(reupload.json().get("id").asString()).isNotEqualTo(photo);
        assertThat(ids(api().get("/api/v1/photos", alice.token()).json())).containsExactly(reupload.json().get("id").asString());
    }

    /**
     * Holds the photo's row lock while {@code request} runs on another thread, waits until a statement like
     * {@code blocked} waits for a lock, then runs {@code meanwhile} in the holding transaction and commits: a change
     * that lands between a request's read and its write.
     */
    private Response whileLocked(UUID photo, String blocked, java.util.concurrent.Callable<Response> request, Runnable meanwhile)
            throws Exception {
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var running = new java.util.concurrent.atomic.AtomicReference<java.util.concurrent.Future<Response>>();
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                jdbc.sql("select id from photos where id = :id for update").param("id", photo).query(UUID.class).single();
                running.set(executor.submit(request));
                // polled on another thread, so on its own connection (a transaction sees one snapshot of pg_stat_activity)
                try {
                    executor.submit(() -> await().atMost(WAIT).until(() -> jdbc.sql("""
                            select count(*) from pg_stat_activity where wait_event_type = 'Lock' and state = 'active'
                              and query ilike :blocked""").param("blocked", blocked).query(Long.class).single() > 0)).get();
                } catch (Exception failed) {
                    throw new IllegalStateException(failed);
                }
                meanwhile.run();
            });
            return running.get().get();
        }
    }

    @Test
    void deleteForeverEmptyPagingReuploadAndOtherUsersIds() {
        var alice = api().newUser();
        var bob = api().newUser();
        byte[] again = TestImages.jpeg(320, 240, 18_010);
        var photos = new ArrayList<String>();
        photos.add(upload(alice.token(), "again.jpg", again));
        for (int i = 1; i < 4; i++) photos.add(upload(alice.token(), "t" + i + ".jpg", TestImages.jpeg(320, 240, 18_010 + i)));
        String live = upload(alice.token(), "live.jpg", TestImages.jpeg(320, 240, 18_020));
        for (String id : photos) assertThat(api().delete("/api/v1/photos/" + id, alice.token()).status()).isEqualTo(204);

        // another user's ids, and photos not in the trash, are not found
        String trashed = photos.get(1);
        assertThat(api().post("/api/v1/trash/" + trashed + "/restore", "", bob.token()).status()).isEqualTo(404);
        assertThat(api().delete("/api/v1/trash/" + trashed, bob.token()).status()).isEqualTo(404);
        assertThat(api().get("/api/v1/photos/" + trashed, bob.token()).status()).isEqualTo(404);
        assertThat(api().get("/api/v1/trash", bob.token()).json().get("items").values()).isEmpty();
        assertThat(api().delete("/api/v1/trash", bob.token()).json().get("deleted").asInt()).isZero();
        Response notTrashed = api().delete("/api/v1/trash/" + live, alice.token());
        assertThat(notTrashed.status()).isEqualTo(404);
        assertThat(notTrashed.contentType()).contains("application/problem+json");
        assertThat(api().post("/api/v1/trash/" + live + "/restore", "", alice.token()).status()).isEqualTo(404);
        assertThat(api().get("/api/v1/trash?limit=0", alice.token()).status()).isEqualTo(400);
        assertThat(api().get("/api/v1/trash?cursor=nonsense", alice.token()).status()).isEqualTo(400);

        // a cursor list, one at a time
        var listed = new ArrayList<String>();
        String cursor = null;
        do {
            JsonNode page = api().get("/api/v1/trash?limit=1" + (cursor == null ? "" : "&cursor=" + cursor), alice.token()).json();
            listed.addAll(ids(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(listed).containsExactlyInAnyOrderElementsOf(photos).hasSize(4);

        // uploading content that sits in the trash restores that photo
        Response reupload = api().upload("again.jpg", again, alice.token());
        assertThat(reupload.status()).isEqualTo(200);
        assertThat(reupload.json().get("duplicate").asBoolean()).isTrue();
        assertThat(reupload.json().get("id").asString()).isEqualTo(photos.getFirst());
        assertThat(api().get("/api/v1/photos/" + photos.getFirst(), alice.token()).json().has("trashedAt")).isFalse();

        assertThat(api().delete("/api/v1/trash/" + trashed, alice.token()).status()).isEqualTo(204);
        assertThat(api().get("/api/v1/photos/" + trashed, alice.token()).status()).isEqualTo(404);
        Response emptied = api().delete("/api/v1/trash", alice.token());
        assertThat(emptied.status()).isEqualTo(200);
        assertThat(emptied.json().get("deleted").asInt()).isEqualTo(2);
        assertThat(api().get("/api/v1/trash", alice.token()).json().get("items").values()).isEmpty();
        assertThat(ids(api().get("/api/v1/photos", alice.token()).json())).containsExactlyInAnyOrder(live, photos.getFirst());
    }

    /**
     * Runs the trash's part of the retention sweep at the test clock's time, as the daily sweep would, for this owner only
     * (the shared context holds other tests' trash, which the moved clock would expire too).
     */
    private ExpiringResults.Expired purge(UUID owner) {
        return TrashPurges.purge(expiring, clock.instant(), 500, owner);
    }

    /** The API's answers about the library that a trash and restore must leave as they were. */
    private Map<String, JsonNode> answers(String token, String photo, String other) {
        var answers = new LinkedHashMap<String, JsonNode>();
        answers.put("photo", api().get("/api/v1/photos/" + photo, token).json());
        answers.put("other", api().get("/api/v1/photos/" + other, token).json());
        answers.put("checkin", api().get("/api/v1/skin/checkins/" + photo, token).json());
        answers.put("labels", api().get("/api/v1/labels", token).json());
        answers.put("ranking", api().get("/api/v1/photos?sort=score", token).json());
        answers.put("timeline", api().get("/api/v1/photos", token).json());
        answers.put("groups", api().get("/api/v1/groups?kind=similar&limit=100", token).json());
        answers.put("taste", api().get("/api/v1/taste", token).json());
        JsonNode profile = api().get("/api/v1/profile", token).json();
        ((ObjectNode) profile).remove("computedAt");
        answers.put("profile", profile);
        return answers;
    }

    private String upload(String token, String name, byte[] bytes) {
        Response response = api().upload(name, bytes, token);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private String sha(String token, String photoId) {
        return api().get("/api/v1/photos/" + photoId, token).json().get("sha256").asString();
    }

    private JsonNode awaitJson(String what, String path, String token, Predicate<JsonNode> done) {
        return ApiClient.await(what, WAIT, () -> api().get(path, token).json(), done);
    }

    private static boolean groupsWith(JsonNode page, String photoId) {
        return page.get("items").values().stream()
                .anyMatch(g -> g.get("photoIds").values().stream().anyMatch(id -> id.asString().equals(photoId)));
    }

    private static List<String> ids(JsonNode page) {
        return ids(page, "id");
    }

    private static List<String> ids(JsonNode page, String field) {
        return page.get("items").values().stream().map(item -> item.get(field).asString()).toList();
    }
}
