package dev.lightbox.skin.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.analysis.service.AnalysisService;
import dev.lightbox.jobs.JobService;
import dev.lightbox.skin.domain.SkinRepository;
import dev.lightbox.skin.service.CheckinSource;
import dev.lightbox.skin.service.CheckinStatus;
import dev.lightbox.skin.service.SkinCheckinFinished;
import dev.lightbox.skin.service.SkinDiaryService;
import dev.lightbox.storage.ObjectStore;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.ApiClient.Response;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestClock;
import dev.lightbox.support.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The skin diary's REST API on the real app: uploads, jobs, the analysis cache, trends, failures. */
class SkinApiTest extends IntegrationTest {

    private static final Duration JOB_TIME = Duration.ofSeconds(60);
    private static final List<String> METRICS = List.of("redness", "blemishes", "evenness", "texture", "shine");
    private static final List<String> REGIONS = List.of("forehead", "leftCheek", "rightCheek", "nose", "chin");

    @Autowired ConfigurableApplicationContext context;
    @Autowired SkinRepository skin;
    @Autowired ObjectStore store;
    @Autowired AnalysisService analyses;
    @Autowired TestClock.MovableClock clock;
    @Autowired JobService jobs;
    @Autowired JdbcClient jdbc;

    private final List<SkinCheckinFinished> finished = new CopyOnWriteArrayList<>();
    private final ApplicationListener<PayloadApplicationEvent<SkinCheckinFinished>> listener = ApplicationListener.forPayload(finished::add);

    @BeforeEach
    void listen() {
        context.addApplicationListener(listener);
    }

    @AfterEach
    void stopListening() {
        context.removeApplicationListener(listener);
        clock.reset();
    }

    @Test
    void anUploadedCheckinIsAcceptedThenMeasuredWithEveryMetricPerRegionAndItsCrops() {
        var user = api().newUser();
        Response accepted = uploadCheckin(TestImages.uniqueCopy(grace()), user.token());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String photoId = accepted.json().get("photoId").asString();
        JsonNode acceptedJob = accepted.json().get("jobId"); // null while the photo's analysis has not finished
        assertThat(api().get("/api/v1/photos/" + photoId, user.token()).status()).as("the check-in is a photo of the library too").isEqualTo(200);

        JsonNode done = awaitCheckin(photoId, user.token(), c -> c.get("status").asString().equals("done"));
        assertThat(done.get("reason").isNull()).isTrue();
        assertThat(done.get("source").asString()).isEqualTo("api");
        String jobId = done.get("jobId").asString();
        if (!acceptedJob.isNull()) assertThat(jobId).isEqualTo(acceptedJob.asString());
        for (String metric : METRICS) assertThat(done.get("metrics").get(metric).isNumber()).as(metric).isTrue();
        for (String region : REGIONS) {
            for (String metric : METRICS) assertThat(done.get("regions").get(region).get(metric).isNumber()).as(region + "." + metric).isTrue();
        }
        assertThat(done.get("metrics").get("blemishes").isIntegralNumber()).as("blemishes is a count").isTrue();
        for (String region : REGIONS) assertThat(done.get("regions").get(region).get("blemishes").isIntegralNumber()).as(region).isTrue();
        assertThat(done.get("details").get("faceWidth").asInt()).isGreaterThanOrEqualTo(120);
        JsonNode job = api().awaitJobSucceeded(jobId, user.token(), JOB_TIME);
        assertThat(job.get("type").asString()).isEqualTo("skin.analyse");
        assertThat(jobs.attempts(user.id(), UUID.fromString(jobId))).as("queued once the faces were there: never a failed attempt")
                .singleElement().satisfies(a -> assertThat(a.outcome()).isEqualTo("SUCCEEDED"));

        for (String annotated : List.of("false", "true")) {
            var crop = api().getBytes("/api/v1/skin/checkins/" + photoId + "/crop?annotated=" + annotated, user.token());
            assertThat(crop.status()).isEqualTo(200);
            assertThat(crop.header("Content-Type")).isEqualTo("image/jpeg");
            assertThat(TestImages.decode(crop.body()).cols()).isPositive();
        }
        assertThat(api().get("/api/v1/skin/checkins", user.token()).json().get("items")).hasSize(1);
        awaitEvent(UUID.fromString(photoId), CheckinStatus.DONE);
        assertThat(finished).filteredOn(e -> e.photoId().toString().equals(photoId)).singleElement()
                .satisfies(e -> assertThat(e.source()).isEqualTo(CheckinSource.API));
    }

    @Test
    void anExistingPhotoIsAddedOnceAndRemovingItKeepsThePhoto() {
        var user = api().newUser();
        String photoId = uploadPhoto(TestImages.uniqueCopy(grace()), user.token());
        Response first = api().post("/api/v1/photos/" + photoId + "/skin", "", user.token());
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(first.json().get("photoId").asString()).isEqualTo(photoId);
        Response second = api().post("/api/v1/photos/" + photoId + "/skin", "", user.token());
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.json().get("photoId").asString()).as("adding twice is the same check-in").isEqualTo(photoId);
        if (!first.json().get("jobId").isNull()) assertThat(second.json().get("jobId")).isEqualTo(first.json().get("jobId"));
        assertThat(api().get("/api/v1/skin/checkins", user.token()).json().get("items")).hasSize(1);
        awaitCheckin(photoId, user.token(), c -> c.get("status").asString().equals("done"));

        assertThat(api().delete("/api/v1/skin/checkins/" + photoId, user.token()).status()).isEqualTo(204);
        assertThat(api().get("/api/v1/skin/checkins", user.token()).json().get("items")).isEmpty();
        assertThat(api().get("/api/v1/skin/checkins/" + photoId, user.token()).status()).isEqualTo(404);
        assertThat(api().get("/api/v1/photos/" + photoId, user.token()).status()).as("the photo stays").isEqualTo(200);
        Response again = api().delete("/api/v1/skin/checkins/" + photoId, user.token());
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.contentType()).contains("application/problem+json");
    }

    @Test
    void aRefusedFileLeavesNoRowAndNoObject() throws Exception {
        var user = api().newUser();
        java.time.Instant started = java.time.Instant.now().minusSeconds(1);
        byte[] script = "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8);
        for (byte[] refused : List.of(script, new byte[0], "just some text, not an image".getBytes(StandardCharsets.UTF_8))) {
            Response response = uploadCheckin(refused, user.token());
            assertThat(response.status()).as(response.body()).isBetween(400, 499);
            assertThat(response.contentType()).contains("application/problem+json");
            assertThat(response.json().get("reason").asString()).isNotBlank();
            assertThat(store.stat("originals/" + sha256(refused))).isEmpty();
        }
        Response twoFiles = uploadCheckin(user.token(), TestImages.uniqueCopy(grace()), TestImages.uniqueCopy(grace()));
        assertThat(twoFiles.status()).as(twoFiles.body()).isEqualTo(400);
        assertThat(twoFiles.detail()).contains("one photo per request");
        assertThat(api().get("/api/v1/photos", user.token()).json().get("items")).isEmpty();
        assertThat(api().get("/api/v1/skin/checkins", user.token()).json().get("items")).isEmpty();
        assertThat(store.list("uploads/")).as("no temporary object is left").noneMatch(o -> o.lastModified().isAfter(started));
    }

    @Test
    void anotherUsersPhotoIsNotFound() {
        var owner = api().newUser();
        var other = api().newUser();
        String photoId = json(uploadCheckin(TestImages.uniqueCopy(grace()), owner.token())).get("photoId").asString();
        awaitCheckin(photoId, owner.token(), c -> c.get("status").asString().equals("done"));

        Response add = api().post("/api/v1/photos/" + photoId + "/skin", "", other.token());
        assertThat(add.status()).isEqualTo(404);
        assertThat(add.contentType()).contains("application/problem+json");
        assertThat(api().get("/api/v1/skin/checkins/" + photoId, other.token()).status()).isEqualTo(404);
        assertThat(api().getBytes("/api/v1/skin/checkins/" + photoId + "/crop", other.token()).status()).isEqualTo(404);
        assertThat(api().delete("/api/v1/skin/checkins/" + photoId, other.token()).status()).isEqualTo(404);
        assertThat(api().get("/api/v1/skin/checkins", other.token()).json().get("items")).isEmpty();
        assertThat(api().get("/api/v1/skin/trends?metric=redness", other.token()).json().get("points")).isEmpty();
        assertThat(api().get("/api/v1/skin/checkins/" + photoId, owner.token()).status()).as("still the owner's").isEqualTo(200);
    }

    @Test
    void checkinsPageNewestFirstWithACursor() {
        var user = api().newUser();
        var ids = new ArrayList<String>();
        try {
            for (int daysAgo : new int[] {3, 2, 1}) {
                clock.reset();
                clock.advance(Duration.ofDays(-daysAgo));
                ids.add(json(uploadCheckin(TestImages.uniqueCopy(grace()), user.token())).get("photoId").asString());
            }
        } finally {
            clock.reset();
        }
        Response first = api().get("/api/v1/skin/checkins?limit=2", user.token());
        assertThat(first.json().get("items")).extracting(i -> i.get("photoId").asString()).containsExactly(ids.get(2), ids.get(1));
        String cursor = first.json().get("nextCursor").asString();
        Response second = api().get("/api/v1/skin/checkins?limit=2&cursor=" + cursor, user.token());
        assertThat(second.json().get("items")).extracting(i -> i.get("photoId").asString()).containsExactly(ids.get(0));
        assertThat(second.json().get("nextCursor").isNull()).isTrue();

        assertThat(api().get("/api/v1/skin/checkins?cursor=bm9wZQ", user.token()).status()).isEqualTo(400);
        assertThat(api().get("/api/v1/skin/checkins?limit=0", user.token()).status()).isEqualTo(400);
        assertThat(api().get("/api/v1/skin/checkins?limit=201", user.token()).status()).isEqualTo(400);
    }

    @Test
    void trendsGivePointsOldestFirstAndTheChangeWithinTheDates() {
        var user = api().newUser();
        var ids = new ArrayList<String>();
        try {
            for (int daysAgo : new int[] {20, 10, 0}) {
                clock.reset();
                clock.advance(Duration.ofDays(-daysAgo));
                ids.add(json(uploadCheckin(reddened(daysAgo), user.token())).get("photoId").asString());
            }
        } finally {
            clock.reset();
        }
        for (String id : ids) awaitCheckin(id, user.token(), c -> c.get("status").asString().equals("done"));

        for (String metric : METRICS) {
            JsonNode trend = api().get("/api/v1/skin/trends?metric=" + metric, user.token()).json();
            assertThat(trend.get("metric").asString()).isEqualTo(metric);
            JsonNode points = trend.get("points");
            assertThat(points).extracting(p -> p.get("photoId").asString()).containsExactlyElementsOf(ids);
            double first = points.get(0).get("value").asDouble();
            double previous = points.get(1).get("value").asDouble();
            double last = points.get(2).get("value").asDouble();
            JsonNode checkin = api().get("/api/v1/skin/checkins/" + ids.get(2), user.token()).json();
            assertThat(last).isEqualTo(checkin.get("metrics").get(metric).asDouble());
            JsonNode change = trend.get("change");
            assertThat(change.get("first").asDouble()).isEqualTo(first);
            assertThat(change.get("previous").asDouble()).isEqualTo(previous);
            if (first != 0) assertThat(change.get("percentSinceFirst").asDouble()).isCloseTo((last - first) / Math.abs(first) * 100, within());
            if (previous != 0) {
                assertThat(change.get("percentSincePrevious").asDouble()).isCloseTo((last - previous) / Math.abs(previous) * 100, within());
            }
        }
        JsonNode cheek = api().get("/api/v1/skin/trends?metric=redness&region=leftCheek", user.token()).json();
        assertThat(cheek.get("region").asString()).isEqualTo("leftCheek");
        assertThat(cheek.get("points")).hasSize(3);

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonNode recent = api().get("/api/v1/skin/trends?metric=redness&from=" + today.minusDays(15), user.token()).json();
        assertThat(recent.get("points")).extracting(p -> p.get("photoId").asString()).containsExactly(ids.get(1), ids.get(2));
        JsonNode middle = api().get("/api/v1/skin/trends?metric=redness&from=" + today.minusDays(15) + "&to=" + today.minusDays(5), user.token())
                .json();
        assertThat(middle.get("points")).extracting(p -> p.get("photoId").asString()).containsExactly(ids.get(1));
        assertThat(middle.get("change").isNull()).as("no change with one point").isTrue();

        Response unknown = api().get("/api/v1/skin/trends?metric=sparkle", user.token());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).contains("application/problem+json");
        assertThat(unknown.detail()).contains("sparkle").contains("redness");
        assertThat(api().get("/api/v1/skin/trends", user.token()).status()).isEqualTo(400);
        assertThat(api().get("/api/v1/skin/trends?metric=redness&from=yesterday", user.token()).status()).isEqualTo(400);
    }

    @Test
    void aPhotoWithoutAFaceIsNoFaceWithAReasonAndNoCrop() {
        var user = api().newUser();
        String photoId = json(uploadCheckin(TestImages.jpeg(640, 480, System.nanoTime()), user.token())).get("photoId").asString();
        JsonNode refused = awaitCheckin(photoId, user.token(), c -> !c.get("status").asString().equals("pending"));
        assertThat(refused.get("status").asString()).isEqualTo("no_face");
        assertThat(refused.get("reason").asString()).isNotBlank();
        assertThat(refused.get("metrics").isNull()).isTrue();
        assertThat(api().getBytes("/api/v1/skin/checkins/" + photoId + "/crop", user.token()).status()).isEqualTo(404);
        awaitEvent(UUID.fromString(photoId), CheckinStatus.NO_FACE);
    }

    @Test
    void theSameBytesCheckedInAgainReuseTheCachedAnalysis() {
        byte[] bytes = TestImages.uniqueCopy(grace());
        String sha = sha256(bytes);
        var first = api().newUser();
        Response a = uploadCheckin(bytes, first.token());
        JsonNode measured = awaitCheckin(a.json().get("photoId").asString(), first.token(), c -> c.get("status").asString().equals("done"));
        assertThat(api().awaitJobSucceeded(measured.get("jobId").asString(), first.token(), JOB_TIME).get("message").asString()).doesNotContain("Reusing");
        SkinRepository.AnalysisRow cached = skin.analysis(sha, SkinDiaryService.ANALYZER_VERSION).orElseThrow();

        var second = api().newUser();
        Response b = uploadCheckin(bytes, second.token());
        JsonNode job = api().awaitJobSucceeded(b.json().get("jobId").asString(), second.token(), JOB_TIME);
        assertThat(job.get("message").asString()).as("another user's check-in of the same bytes").contains("Reusing");
        JsonNode again = awaitCheckin(b.json().get("photoId").asString(), second.token(), c -> c.get("status").asString().equals("done"));
        assertThat(again.get("metrics")).isEqualTo(measured.get("metrics"));
        assertThat(skin.analysis(sha, SkinDiaryService.ANALYZER_VERSION).orElseThrow().cropKey()).as("nothing analysed anew").isEqualTo(cached.cropKey());

        String photoId = a.json().get("photoId").asString();
        assertThat(api().delete("/api/v1/skin/checkins/" + photoId, first.token()).status()).isEqualTo(204);
        Response readded = api().post("/api/v1/photos/" + photoId + "/skin", "", first.token());
        assertThat(readded.json().get("jobId").asString()).isNotEqualTo(measured.get("jobId").asString());
        assertThat(api().awaitJobSucceeded(readded.json().get("jobId").asString(), first.token(), JOB_TIME).get("message").asString())
                .as("re-added").contains("Reusing");
    }

    @Test
    void deletingThePhotosRemovesTheCachedAnalysisAndItsCrops() {
        byte[] bytes = TestImages.uniqueCopy(grace());
        var user = api().newUser();
        String photoId = json(uploadCheckin(bytes, user.token())).get("photoId").asString();
        awaitCheckin(photoId, user.token(), c -> c.get("status").asString().equals("done"));
        SkinRepository.AnalysisRow cached = skin.analysis(sha256(bytes), SkinDiaryService.ANALYZER_VERSION).orElseThrow();
        assertThat(store.stat(cached.cropKey())).isPresent();

        assertThat(api().deleteForever(photoId, user.token()).status()).isEqualTo(204);
        assertThat(skin.analysis(sha256(bytes), SkinDiaryService.ANALYZER_VERSION)).isEmpty();
        ApiClient.await("the crops are deleted", JOB_TIME, () -> store.stat(cached.cropKey()).isEmpty() && store.stat(cached.annotatedKey()).isEmpty(),
                gone -> gone);
    }

    @Test
    void aJobThatFailsForGoodLeavesTheCheckinFailedWithTheReasonAndAnnouncesIt() {
        var user = api().newUser();
        byte[] bytes = TestImages.uniqueCopy(grace());
        String sha = sha256(bytes);
        String photoId = uploadPhoto(bytes, user.token());
        api().awaitThumbnail(photoId, user.token());
        ApiClient.await("the photo's faces", JOB_TIME, () -> analyses.find(sha).isPresent(), found -> found);
        store.delete("originals/" + sha); // every decode attempt now fails

        Response added = api().post("/api/v1/photos/" + photoId + "/skin", "", user.token());
        assertThat(added.status()).isEqualTo(202);
        JsonNode failed = awaitCheckin(photoId, user.token(), c -> !c.get("status").asString().equals("pending"));
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("reason").asString()).startsWith("The analysis failed after 3 attempts").doesNotContain("originals/").doesNotContain(sha);
        assertThat(api().get("/api/v1/jobs/" + added.json().get("jobId").asString(), user.token()).json().get("status").asString()).isEqualTo("FAILED");
        SkinCheckinFinished event = awaitEvent(UUID.fromString(photoId), CheckinStatus.FAILED);
        assertThat(event.reason()).isEqualTo(failed.get("reason").asString());
        assertThat(event.ownerId()).isEqualTo(user.id());
        assertThat(skin.checkin(user.id(), UUID.fromString(photoId)).orElseThrow().failedReason()).as("recorded, not only derived").isNotNull();
    }

    @Test
    void aCheckinWhoseAnalysisIsNotThereYetWaitsForItWithoutFailedAttempts() {
        var user = api().newUser();
        byte[] bytes = TestImages.uniqueCopy(grace());
        String sha = sha256(bytes);
        String photoId = uploadPhoto(bytes, user.token());
        ApiClient.await("the photo's analysis", JOB_TIME, () -> analyses.find(sha).isPresent(), found -> found);
        forgetAnalysis(sha); // as if it had not run yet

        Response added = api().post("/api/v1/photos/" + photoId + "/skin", "", user.token());
        assertThat(added.status()).as(added.body()).isEqualTo(202);
        JsonNode done = awaitCheckin(photoId, user.token(), c -> !c.get("status").asString().equals("pending"));
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("done");
        UUID jobId = UUID.fromString(done.get("jobId").asString());
        assertThat(jobs.attempts(user.id(), jobId)).as("the skin job ran once the faces were there")
                .singleElement().satisfies(a -> assertThat(a.outcome()).isEqualTo("SUCCEEDED"));
        assertThat(analyses.find(sha)).as("analysed again for the check-in").isPresent();
        awaitEvent(UUID.fromString(photoId), CheckinStatus.DONE);
    }

    @Test
    void aCheckinWhosePhotoCannotBeAnalysedFailsWithAHumanReasonAndAnnouncesIt() {
        var user = api().newUser();
        byte[] bytes = TestImages.uniqueCopy(grace());
        String sha = sha256(bytes);
        String photoId = uploadPhoto(bytes, user.token());
        ApiClient.await("the photo's analysis", JOB_TIME, () -> analyses.find(sha).isPresent(), found -> found);
        forgetAnalysis(sha);
        store.delete("originals/" + sha); // the analysis now fails for good, after its attempts (with backoff between them)

        Response added = api().post("/api/v1/photos/" + photoId + "/skin", "", user.token());
        assertThat(added.status()).as(added.body()).isEqualTo(202);
        assertThat(added.json().get("jobId").isNull()).as("no skin job while the analysis is missing").isTrue();
        JsonNode waiting = api().get("/api/v1/skin/checkins/" + photoId, user.token()).json();
        assertThat(waiting.get("status").asString()).as("honestly pending while its analysis is retried").isEqualTo("pending");
        assertThat(waiting.get("jobId").isNull()).isTrue();
        JsonNode failed = awaitCheckin(photoId, user.token(), c -> !c.get("status").asString().equals("pending"));
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("reason").asString()).startsWith("The photo could not be analysed: ")
                .doesNotContain("originals/").doesNotContain(sha).doesNotContain("Exception").doesNotContain("\n");
        assertThat(failed.get("jobId").isNull()).as("no skin job was ever queued").isTrue();
        SkinCheckinFinished event = awaitEvent(UUID.fromString(photoId), CheckinStatus.FAILED);
        assertThat(event.reason()).isEqualTo(failed.get("reason").asString());
        assertThat(event.source()).isEqualTo(CheckinSource.API);
        assertThat(skin.checkin(user.id(), UUID.fromString(photoId)).orElseThrow().failedReason()).as("recorded").isNotNull();
    }

    @Test
    void anotherUsersPhotoOfTheSameBytesKeepsTheCachedAnalysisWhenTheFirstIsDeleted() {
        byte[] bytes = TestImages.uniqueCopy(grace());
        String sha = sha256(bytes);
        var first = api().newUser();
        String photoId = json(uploadCheckin(bytes, first.token())).get("photoId").asString();
        awaitCheckin(photoId, first.token(), c -> c.get("status").asString().equals("done"));
        var second = api().newUser();
        String kept = uploadPhoto(bytes, second.token());
        SkinRepository.AnalysisRow cached = skin.analysis(sha, SkinDiaryService.ANALYZER_VERSION).orElseThrow();

        assertThat(api().deleteForever(photoId, first.token()).status()).isEqualTo(204);
        assertThat(skin.analysis(sha, SkinDiaryService.ANALYZER_VERSION)).as("the second user's photo still holds the content").isPresent();
        assertThat(store.stat(cached.cropKey())).isPresent();
        Response added = api().post("/api/v1/photos/" + kept + "/skin", "", second.token());
        assertThat(api().awaitJobSucceeded(added.json().get("jobId").asString(), second.token(), JOB_TIME).get("message").asString())
                .contains("Reusing");
    }

    // --- helpers

    /** Removes the content's photo analysis and lets its job be queued again, as if the analysis had not run yet. */
    private void forgetAnalysis(String sha) {
        jdbc.sql("delete from photo_attributes where sha256 = :sha").param("sha", sha).update();
        jobs.releaseDedupeKey("analysis:" + sha + ":v" + AnalysisService.currentVersion());
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-6);
    }

    private SkinCheckinFinished awaitEvent(UUID photoId, CheckinStatus status) {
        return ApiClient.await("SkinCheckinFinished " + status + " for " + photoId, JOB_TIME,
                () -> finished.stream().filter(e -> e.photoId().equals(photoId)).toList(), events -> !events.isEmpty()).stream()
                .peek(e -> assertThat(e.status()).isEqualTo(status)).findFirst().orElseThrow();
    }

    private JsonNode awaitCheckin(String photoId, String token, Predicate<JsonNode> done) {
        return ApiClient.await("check-in " + photoId, Duration.ofSeconds(90), () -> {
            Response response = api().get("/api/v1/skin/checkins/" + photoId, token);
            if (response.status() != 200) throw new AssertionError(response.status() + " " + response.body());
            return response.json();
        }, done);
    }

    private static byte[] grace() {
        return TestImages.read(TestImages.GRACE_HOPPER);
    }

    /** Grace Hopper with her cheeks a little redder the fewer days ago (new bytes each time). */
    private static byte[] reddened(int daysAgo) {
        var image = TestImages.decode(grace());
        int red = 30 - daysAgo;
        try (var cheeks = image.apply(new org.bytedeco.opencv.opencv_core.Rect(150, 260, 220, 90))) {
            cheeks.put(org.bytedeco.opencv.global.opencv_core.add(cheeks, new org.bytedeco.opencv.opencv_core.Scalar(0, 0, red, 0)));
        }
        return TestImages.uniqueCopy(TestImages.encode(image, ".jpg"));
    }

    private String uploadPhoto(byte[] bytes, String token) {
        Response response = api().upload("photo.jpg", bytes, token);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private static JsonNode json(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json();
    }

    /** POSTs {@code bytes} to the diary's upload as multipart field {@code file}. */
    private Response uploadCheckin(byte[] bytes, String token) {
        return uploadCheckin(token, bytes);
    }

    /** One multipart part {@code file} per file. */
    private Response uploadCheckin(String token, byte[]... files) {
        String boundary = "lightbox-" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        for (byte[] bytes : files) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"selfie.jpg\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(bytes);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/skin/checkins"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode json = text.isBlank() ? JsonMapper.builder().build().nullNode() : JsonMapper.builder().build().readTree(text);
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), json, text, response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
