package dev.lightbox.culling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.ScoredPhotos;
import dev.lightbox.support.TestImages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/groups} and a photo's groups, on a library uploaded and analysed for real: a burst of
 * three frames (a blurred, a darkened and a sharp frame of Messi, one second apart on one camera), a shot of the same
 * camera eight seconds later (fruits), a resized copy of that shot without EXIF, and a different photo.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupsApiTest extends IntegrationTest {

    private ApiClient.User owner;
    private final Map<String, String> ids = new LinkedHashMap<>();

    @BeforeAll
    void uploadALibrary() throws InterruptedException {
        owner = api().newUser();
        Mat messi = TestImages.decode(TestImages.read(TestImages.MESSI));
        Mat blurred = new Mat();
        GaussianBlur(messi, blurred, new Size(0, 0), 3);
        Mat dark = new Mat();
        messi.convertTo(dark, -1, 0.5, 0);
        Mat fruits = TestImages.decode(TestImages.read(TestImages.FRUITS));
        Mat smallFruits = new Mat();
        resize(fruits, smallFruits, new Size(fruits.cols() / 2, fruits.rows() / 2), 0, 0, INTER_AREA);
        var uploads = new LinkedHashMap<String, byte[]>();
        uploads.put("blurred", camera(blurred, "2026:06:01 10:00:00"));
        uploads.put("dark", camera(dark, "2026:06:01 10:00:01"));
        uploads.put("messi", camera(messi, "2026:06:01 10:00:02")); // the sharp frame last: the keeper is not simply the first
        uploads.put("fruits", camera(fruits, "2026:06:01 10:00:10"));
        uploads.put("small-fruits", TestImages.uniqueCopy(TestImages.encode(smallFruits, ".jpg")));
        uploads.put("hopper", TestImages.uniqueCopy(TestImages.read(TestImages.GRACE_HOPPER)));
        uploads.forEach((name, bytes) -> ids.put(name, api().upload(name + ".jpg", bytes, owner.token()).json().get("id").asString()));
        for (String id : ids.values()) ScoredPhotos.awaitScore(api(), owner.token(), id);
    }

    private static byte[] camera(Mat image, String takenAt) {
        return CameraExif.jpeg(TestImages.uniqueCopy(TestImages.encode(image, ".jpg")), "Canon", "EOS R6", takenAt);
    }

    @Test
    void aBurstIsTheCameraFramesWithinTwoSecondsAndItsKeeperIsTheBestScored() throws InterruptedException {
        JsonNode page = awaitGroups("burst", items -> items.size() == 1);
        JsonNode group = page.get("items").get(0);
        assertThat(fieldNames(group)).containsExactly("id", "kind", "photoIds", "suggested");
        assertThat(fieldNames(page)).containsExactly("items", "nextCursor");
        assertThat(group.get("kind").asString()).isEqualTo("burst");
        assertThat(strings(group.get("photoIds"))).containsExactly(ids.get("blurred"), ids.get("dark"), ids.get("messi"));
        String best = strings(group.get("photoIds")).stream()
                .max(java.util.Comparator.comparingDouble(id -> score(id))).orElseThrow();
        assertThat(group.get("suggested").asString()).isEqualTo(best).isNotEqualTo(ids.get("blurred"));
        System.out.println("burst scores: " + strings(group.get("photoIds")).stream().map(id -> String.format("%.1f", score(id))).toList());
        assertThat(page.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void nearDuplicatesAreGroupedAndPagedWithACursor() {
        JsonNode all = awaitGroups("similar", items -> memberSets(items).contains(Set.of(ids.get("fruits"), ids.get("small-fruits")))
                && memberSets(items).stream().anyMatch(s -> s.containsAll(Set.of(ids.get("messi"), ids.get("dark")))));
        List<Set<String>> sets = memberSets(all.get("items"));
        assertThat(sets).noneMatch(s -> s.contains(ids.get("hopper")));
        assertThat(sets).noneMatch(s -> s.contains(ids.get("fruits")) && s.contains(ids.get("messi")));

        var seen = new ArrayList<String>();
        String cursor = null;
        do {
            var response = api().get("/api/v1/groups?kind=similar&limit=1" + (cursor == null ? "" : "&cursor=" + cursor), owner.token());
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("items")).hasSize(1);
            seen.add(response.json().get("items").get(0).get("id").asString());
            cursor = response.json().get("nextCursor").isNull() ? null : response.json().get("nextCursor").asString();
        } while (cursor != null);
        assertThat(seen).hasSizeGreaterThanOrEqualTo(2)
                .containsExactlyElementsOf(all.get("items").valueStream().map(g -> g.get("id").asString()).toList());
    }

    @Test
    void aPhotoListsItsGroups() {
        awaitGroups("burst", items -> items.size() == 1);
        JsonNode photo = api().get("/api/v1/photos/" + ids.get("blurred"), owner.token()).json();
        assertThat(photo.get("groups").valueStream().map(g -> g.get("kind").asString()).toList()).contains("burst");
        JsonNode burst = photo.get("groups").valueStream().filter(g -> g.get("kind").asString().equals("burst")).findFirst().orElseThrow();
        assertThat(strings(burst.get("photoIds"))).contains(ids.get("blurred"));
        assertThat(fieldNames(burst)).containsExactly("id", "kind", "photoIds", "suggested");
        assertThat(api().get("/api/v1/photos/" + ids.get("hopper"), owner.token()).json().get("groups")).isEmpty();
    }

    @Test
    void badRequestsAreProblems() {
        String burstCursor = api().get("/api/v1/groups?kind=burst&limit=1", owner.token()).json().get("nextCursor").asString("");
        for (String query : List.of("kind=bursts", "kind=", "", "kind=burst&limit=0", "kind=burst&limit=101", "kind=burst&limit=many",
                "kind=burst&cursor=not-a-cursor", "kind=similar&cursor=" + java.util.Base64.getUrlEncoder().encodeToString("burst|x|y".getBytes()))) {
            var response = api().get("/api/v1/groups?" + query, owner.token());
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.contentType()).as(query).startsWith("application/problem+json");
            assertThat(response.json().get("detail").asString()).as(query).isNotBlank();
        }
        assertThat(burstCursor).isEmpty(); // one burst: no second page
        assertThat(api().get("/api/v1/groups?kind=burst", null).status()).isEqualTo(401);
    }

    @Test
    void anotherUserSeesNoneOfTheseGroups() {
        awaitGroups("burst", items -> items.size() == 1);
        ApiClient.User other = api().newUser();
        for (String kind : List.of("burst", "similar")) {
            JsonNode page = api().get("/api/v1/groups?kind=" + kind, other.token()).json();
            assertThat(page.get("items")).as(kind).isEmpty();
        }
        assertThat(api().get("/api/v1/photos/" + ids.get("messi"), other.token()).status()).isEqualTo(404);
    }

    private JsonNode awaitGroups(String kind, java.util.function.Predicate<JsonNode> done) {
        return ApiClient.await(kind + " groups", Duration.ofSeconds(60),
                () -> api().get("/api/v1/groups?kind=" + kind + "&limit=100", owner.token()).json(), page -> done.test(page.get("items")));
    }

    private double score(String id) {
        return api().get("/api/v1/photos/" + id, owner.token()).json().get("score").asDouble();
    }

    private static List<Set<String>> memberSets(JsonNode items) {
        return items.valueStream().map(g -> Set.copyOf(strings(g.get("photoIds")))).toList();
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static List<String> fieldNames(JsonNode object) {
        return object.propertyNames().stream().collect(Collectors.toList());
    }
}
