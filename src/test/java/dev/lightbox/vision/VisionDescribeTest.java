package dev.lightbox.vision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.account.service.AccountService;
import dev.lightbox.billing.service.CreditBalance;
import dev.lightbox.billing.service.CreditEntry;
import dev.lightbox.billing.service.CreditKind;
import dev.lightbox.billing.service.CreditPage;
import dev.lightbox.billing.service.CreditService;
import dev.lightbox.library.service.PhotoDetails;
import dev.lightbox.library.service.PhotoService;
import dev.lightbox.scoring.service.ScoringConfig;
import dev.lightbox.scoring.service.ScoringService;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.AppRunner;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import dev.lightbox.transform.RetentionCheck;
import dev.lightbox.vision.service.VisionService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Describe with AI, the whole app against {@link ChatCompletionsStub} through Spring AI's OpenAI client: the
 * preview sent, the answer stored and shown, credits charged once or refunded, the cache, the 402 race, search.
 */
class VisionDescribeTest {

    static final String MODEL = "stub-vision-7b";
    static final String API_KEY = "sk-stub-0123456789";
    private static final AtomicLong SEEDS = new AtomicLong(9_100);
    private static ChatCompletionsStub stub;
    private static ConfigurableApplicationContext app;
    private static UUID adminId;

    @BeforeAll
    static void start() throws Exception {
        stub = new ChatCompletionsStub();
        Path dataDir = IntegrationTest.newDataDir("vision");
        app = AppRunner.start(dataDir, "lightbox.vision.url=" + stub.baseUrl(), "lightbox.vision.model=" + MODEL,
                "lightbox.vision.api-key=" + API_KEY, "lightbox.vision.timeout=5s",
                "lightbox.admin.email=" + IntegrationTest.ADMIN_EMAIL, "lightbox.admin.password=" + IntegrationTest.ADMIN_PASSWORD,
                "lightbox.login.max-failures-per-address=100000", "vaadin.devmode.devTools.enabled=false", "lightbox.jobs.retry-base=100ms",
                "lightbox.retention.results=1s"); // for the retention check below: this app is started anyway
        String adminToken = api().login(IntegrationTest.ADMIN_EMAIL, IntegrationTest.ADMIN_PASSWORD);
        adminId = UUID.fromString(api().get("/api/v1/auth/me", adminToken).json().get("id").asString());
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        if (stub != null) stub.close();
    }

    private static ApiClient api() {
        return AppRunner.api(app);
    }

    private static CreditService credits() {
        return app.getBean(CreditService.class);
    }

    private static ApiClient.User userWithCredits(long credits) {
        var user = api().newUser();
        if (credits > 0) credits().adjustByAdmin(adminId, user.id(), credits, "test credits");
        return user;
    }

    /** A fresh photo (new bytes) 2000×1500 as stored, EXIF orientation 6 (upright 1500×2000), with capture time and GPS. */
    private static String uploadWithExif(ApiClient.User user) {
        byte[] jpeg = TestImages.withExif(TestImages.jpeg(2000, 1500, SEEDS.incrementAndGet()), 6, "2024:05:01 10:00:00", 46.55, 8.56);
        return upload(user, jpeg);
    }

    private static String upload(ApiClient.User user, byte[] bytes) {
        var response = api().upload("photo.jpg", bytes, user.token());
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        return response.json().get("id").asString();
    }

    private static ApiClient.Response describe(ApiClient.User user, String photoId) {
        return api().post("/api/v1/photos/" + photoId + "/describe", "", user.token());
    }

    private static JsonNode awaitJobEnded(String jobId, ApiClient.User user) {
        return ApiClient.await("job " + jobId + " ends", Duration.ofSeconds(30), () -> api().get("/api/v1/jobs/" + jobId, user.token()).json(),
                job -> List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(job.get("status").asString()));
    }

    /** Waits until nothing is reserved any more (settlement runs after the job ends) and returns the balance. */
    private static CreditBalance awaitSettled(ApiClient.User user) {
        return ApiClient.await("credits of " + user.email() + " settled", Duration.ofSeconds(30), () -> credits().balance(user.id()),
                balance -> balance.reserved() == 0);
    }

    private static List<CreditEntry> ledger(UUID user) {
        var all = new ArrayList<CreditEntry>();
        String cursor = null;
        do {
            CreditPage page = credits().entries(user, cursor, 200);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    private static JsonNode attributes(ApiClient.User user, String photoId) {
        var photo = api().get("/api/v1/photos/" + photoId, user.token());
        assertThat(photo.status()).isEqualTo(200);
        return photo.json().get("analysis").get("attributes");
    }

    private static long links(String photoId) {
        return app.getBean(JdbcClient.class).sql("select count(*) from photo_vision where photo_id = ?").param(UUID.fromString(photoId))
                .query(Long.class).single();
    }

    private static void assertUndescribedAndRefunded(ApiClient.User user, String photoId, long creditsBefore) {
        assertThat(awaitSettled(user).balance()).isEqualTo(creditsBefore);
        assertThat(ledger(user.id()).stream().map(CreditEntry::kind)).contains(CreditKind.USAGE, CreditKind.REFUND);
        assertThat(links(photoId)).isZero();
        assertThat(attributes(user, photoId).propertyNames()).noneMatch(name -> name.startsWith("vision."));
        assertThat(app.getBean(VisionService.class).find(user.id(), UUID.fromString(photoId))).isEmpty();
    }

    @Test
    void describeChargesThePriceOnceSendsAMetadataFreePreviewAndShowsTheAnswerEverywhere() {
        stub.reset(ChatCompletionsStub.Behaviour.OK);
        var user = userWithCredits(5);
        String photoId = uploadWithExif(user);

        var started = describe(user, photoId);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().get("cached").asBoolean()).isFalse();
        api().awaitJobSucceeded(started.json().get("jobId").asString(), user.token(), Duration.ofSeconds(30));
        assertThat(awaitSettled(user).balance()).isEqualTo(4);

        assertThat(stub.received()).hasSize(1);
        var request = stub.received().getFirst();
        assertThat(request.authorization()).isEqualTo("Bearer " + API_KEY);
        assertThat(request.body().get("model").asString()).isEqualTo(MODEL);
        assertThat(request.body().get("response_format").get("type").asString()).isEqualTo("json_schema");
        assertThat(request.body().get("response_format").get("json_schema").get("strict").asBoolean()).isTrue();
        byte[] preview = request.imageBytes();
        assertThat(preview[0] & 0xff).isEqualTo(0xFF);
        assertThat(preview[1] & 0xff).isEqualTo(0xD8);
        assertThat(JpegSegments.markers(preview)).as("no APP1 (EXIF/XMP) or APP2 (ICC) segment").doesNotContain(0xE1, 0xE2);
        Mat decoded = TestImages.decode(preview);
        assertThat(Math.max(decoded.cols(), decoded.rows())).isLessThanOrEqualTo(1024);
        assertThat(decoded.cols()).as("upright: the EXIF orientation was applied, portrait").isEqualTo(768);
        assertThat(decoded.rows()).isEqualTo(1024);

        JsonNode a = attributes(user, photoId);
        assertThat(a.get("vision.caption").asString()).isEqualTo(ChatCompletionsStub.CAPTION);
        assertThat(a.get("vision.tags").values()).extracting(JsonNode::asString).containsExactly("kayak", "glacier", "lake", "dawn");
        assertThat(a.get("vision.aesthetic").asInt()).isEqualTo(ChatCompletionsStub.AESTHETIC);
        assertThat(a.get("vision.model").asString()).isEqualTo(MODEL);

        var photo = app.getBean(PhotoService.class).find(user.id(), UUID.fromString(photoId)).orElseThrow();
        Map<String, String> lines = new java.util.LinkedHashMap<>();
        app.getBeansOfType(PhotoDetails.class).values().forEach(d -> lines.putAll(d.lines(user.id(), photo)));
        assertThat(lines).containsEntry("AI caption", ChatCompletionsStub.CAPTION).containsEntry("AI aesthetic mark", "8 / 10 (" + MODEL + ")");

        // aesthetic is a scoring input: a config weighing only it scores the photo (8 − 1) / 9
        var onlyAesthetic = new ScoringConfig(UUID.randomUUID(), "aesthetic", Map.of("aesthetic", 1.0), ScoringConfig.Thresholds.NONE, false,
                Instant.now());
        Awaitility.await("the photo ranked by its aesthetic mark").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var top = app.getBean(ScoringService.class).preview(user.id()).extremes(onlyAesthetic, 1).top();
            assertThat(top).isNotEmpty();
            assertThat(top.getFirst().photoId()).isEqualTo(UUID.fromString(photoId));
            assertThat(top.getFirst().score()).isCloseTo(100 * 7 / 9.0, org.assertj.core.data.Offset.offset(0.5));
        });
    }

    @Test
    void aDescriptionReScoresThePhotoUnderAConfigThatWeighsAesthetic() {
        stub.reset(ChatCompletionsStub.Behaviour.OK);
        var user = userWithCredits(1);
        var config = api().post("/api/v1/scoring-configs", Map.of("name", "AI aesthetic", "weights", Map.of("aesthetic", 1.0)), user.token());
        assertThat(config.status()).as(config.body()).isEqualTo(201);
        assertThat(api().post("/api/v1/scoring-configs/" + config.json().get("id").asString() + "/activate", "", user.token()).status())
                .isEqualTo(200);
        String photoId = upload(user, TestImages.jpeg(800, 600, SEEDS.incrementAndGet()));
        ApiClient.await("the photo scored without a mark", Duration.ofSeconds(60), () -> storedScore(user, photoId), score -> score != null);
        ApiClient.await("no job of " + user.email() + " left running", Duration.ofSeconds(60),
                () -> api().get("/api/v1/jobs?limit=200", user.token()).json().get("items").values(),
                jobs -> jobs.stream().allMatch(job -> List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(job.get("status").asString())));
        double before = storedScore(user, photoId);

        api().awaitJobSucceeded(describe(user, photoId).json().get("jobId").asString(), user.token(), Duration.ofSeconds(30));
        double after = ApiClient.await("the stored score follows the mark", Duration.ofSeconds(30), () -> storedScore(user, photoId),
                score -> score != null && Math.abs(score - 100 * 7 / 9.0) < 0.5);
        assertThat(after).isNotEqualTo(before);
    }

    /** The photo's stored score as the best-first list carries it (null while it is not listed). */
    private static Double storedScore(ApiClient.User user, String photoId) {
        for (JsonNode item : api().get("/api/v1/photos?sort=score&limit=500", user.token()).json().get("items").values()) {
            if (item.get("id").asString().equals(photoId) && item.hasNonNull("score")) return item.get("score").asDouble();
        }
        return null;
    }

    @Test
    void aServerErrorIsRefundedAndLeavesThePhotoUnchanged() {
        stub.reset(ChatCompletionsStub.Behaviour.SERVER_ERROR);
        var user = userWithCredits(3);
        String photoId = uploadWithExif(user);
        var started = describe(user, photoId);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode job = awaitJobEnded(started.json().get("jobId").asString(), user);
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(stub.received()).as("one attempt and the client's one retry").hasSize(2);
        assertUndescribedAndRefunded(user, photoId, 3);
    }

    @Test
    void aProviderSlowerThanTheTimeoutIsRefunded() {
        stub.reset(ChatCompletionsStub.Behaviour.SLOW);
        var user = userWithCredits(2);
        String photoId = uploadWithExif(user);
        long started = System.nanoTime();
        var response = describe(user, photoId);
        assertThat(response.status()).isEqualTo(202);
        JsonNode job = awaitJobEnded(response.json().get("jobId").asString(), user);
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("error").asString()).contains("did not answer within 5 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("bounded by LIGHTBOX_VISION_TIMEOUT, not the stub's 12 s").isLessThan(Duration.ofSeconds(10));
        assertUndescribedAndRefunded(user, photoId, 2);
    }

    @Test
    void invalidJsonIsAskedOnceMoreAndChargedOnce() {
        stub.reset(ChatCompletionsStub.Behaviour.INVALID_THEN_VALID);
        var user = userWithCredits(2);
        String photoId = uploadWithExif(user);
        var started = describe(user, photoId);
        api().awaitJobSucceeded(started.json().get("jobId").asString(), user.token(), Duration.ofSeconds(30));
        assertThat(stub.received()).hasSize(2);
        assertThat(awaitSettled(user).balance()).isEqualTo(1);
        assertThat(attributes(user, photoId).get("vision.caption").asString()).isEqualTo(ChatCompletionsStub.CAPTION);
    }

    @Test
    void invalidJsonTwiceIsRefunded() {
        stub.reset(ChatCompletionsStub.Behaviour.INVALID_ALWAYS);
        var user = userWithCredits(2);
        String photoId = uploadWithExif(user);
        var started = describe(user, photoId);
        JsonNode job = awaitJobEnded(started.json().get("jobId").asString(), user);
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(stub.received()).hasSize(2);
        assertUndescribedAndRefunded(user, photoId, 2);
    }

    @Test
    void theSameBytesAreDescribedOnceAskingAgainOrAnotherUsersCopyCostsNothing() {
        stub.reset(ChatCompletionsStub.Behaviour.OK);
        var first = userWithCredits(1);
        byte[] bytes = TestImages.jpeg(900, 600, SEEDS.incrementAndGet());
        String photoId = upload(first, bytes);
        api().awaitJobSucceeded(describe(first, photoId).json().get("jobId").asString(), first.token(), Duration.ofSeconds(30));
        assertThat(awaitSettled(first).balance()).isZero();
        assertThat(stub.received()).hasSize(1);

        var again = describe(first, photoId);
        assertThat(again.status()).as("no credits left, but the answer is cached: " + again.body()).isEqualTo(202);
        assertThat(again.json().get("cached").asBoolean()).isTrue();
        api().awaitJobSucceeded(again.json().get("jobId").asString(), first.token(), Duration.ofSeconds(30));

        var other = userWithCredits(0);
        String copy = upload(other, bytes);
        var theirs = describe(other, copy);
        assertThat(theirs.status()).as(theirs.body()).isEqualTo(202);
        assertThat(theirs.json().get("cached").asBoolean()).isTrue();
        api().awaitJobSucceeded(theirs.json().get("jobId").asString(), other.token(), Duration.ofSeconds(30));
        assertThat(attributes(other, copy).get("vision.caption").asString()).isEqualTo(ChatCompletionsStub.CAPTION);

        assertThat(stub.received()).as("no new call for cached bytes").hasSize(1);
        assertThat(credits().balance(first.id())).isEqualTo(new CreditBalance(0, 0));
        assertThat(credits().balance(other.id())).isEqualTo(new CreditBalance(0, 0));
        assertThat(ledger(other.id())).isEmpty();
    }

    @Test
    void fiftyParallelDescribesWithTenCreditsAcceptExactlyTen() throws Exception {
        stub.reset(ChatCompletionsStub.Behaviour.OK);
        var user = userWithCredits(10);
        List<Callable<ApiClient.Response>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            // fifty different contents: no describe can be answered from the cache (free) while the race runs. They are
            // uploaded one by one: the race under test is the describes' (fifty parallel uploads on a busy 2-core
            // machine can outwait the connection pool and get 503s, which is not what this test is about)
            for (int i = 0; i < 50; i++) {
                String photoId = upload(user, TestImages.jpeg(160, 120, SEEDS.incrementAndGet()));
                calls.add(() -> describe(user, photoId));
            }
            List<ApiClient.Response> responses = new ArrayList<>();
            for (Future<ApiClient.Response> f : pool.invokeAll(calls)) responses.add(f.get());
            var accepted = responses.stream().filter(r -> r.status() == 202).toList();
            var refused = responses.stream().filter(r -> r.status() == 402).toList();
            assertThat(accepted).hasSize(10);
            assertThat(refused).hasSize(40);
            assertThat(refused).allSatisfy(r -> {
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.json().get("balance").asLong()).isZero();
                assertThat(r.json().get("price").asLong()).isEqualTo(1);
            });
            for (var started : accepted) api().awaitJobSucceeded(started.json().get("jobId").asString(), user.token(), Duration.ofSeconds(60));
        }
        CreditBalance settled = awaitSettled(user);
        assertThat(settled.balance()).isZero();
        var entries = ledger(user.id());
        assertThat(entries.stream().mapToLong(CreditEntry::amount).sum()).isEqualTo(settled.balance());
        assertThat(entries.stream().filter(e -> e.kind() == CreditKind.USAGE)).hasSize(10);
        assertThat(stub.received()).hasSize(10);
    }

    @Test
    void searchFindsByCaptionTagAndLabelOnlyInTheCallersLibrary() {
        stub.reset(ChatCompletionsStub.Behaviour.OK);
        var user = userWithCredits(1);
        String described = upload(user, TestImages.jpeg(700, 500, SEEDS.incrementAndGet()));
        String labelled = upload(user, TestImages.jpeg(700, 500, SEEDS.incrementAndGet()));
        String plain = upload(user, TestImages.jpeg(700, 500, SEEDS.incrementAndGet()));
        api().awaitJobSucceeded(describe(user, described).json().get("jobId").asString(), user.token(), Duration.ofSeconds(30));
        assertThat(api().put("/api/v1/photos/" + labelled + "/labels", List.of("Snow Cat"), user.token()).status()).isEqualTo(200);

        assertThat(ids(search(user, "DRIFTING on a glacier"))).containsExactly(described); // a caption phrase, any case
        assertThat(ids(search(user, "dawn"))).containsExactly(described);                  // a tag
        assertThat(ids(search(user, "snow"))).containsExactly(labelled);                   // a label
        assertThat(ids(search(user, "%"))).isEmpty();                                      // LIKE wildcards are taken literally
        assertThat(ids(search(user, "_"))).isEmpty();
        assertThat(ids(search(user, "kayak&flag=picked"))).isEmpty();                      // combined with the other filters
        assertThat(ids(search(user, "kayak"))).doesNotContain(labelled, plain);
        assertThat(ids(search(user, "snow&label=snow%20cat"))).containsExactly(labelled);   // with a label filter (ranked pages, filtered)
        assertThat(ids(search(user, "kayak&label=snow%20cat"))).isEmpty();
        ApiClient.await("the described photo found best-first once scored", Duration.ofSeconds(60),
                () -> ids(search(user, "kayak&sort=score")), found -> found.equals(List.of(described)));

        var stranger = userWithCredits(0);
        upload(stranger, TestImages.jpeg(700, 500, SEEDS.incrementAndGet()));
        assertThat(ids(search(stranger, "kayak"))).isEmpty();
        assertThat(ids(search(stranger, "snow"))).isEmpty();

        var tooLong = api().get("/api/v1/photos?q=" + "a".repeat(101), user.token());
        assertThat(tooLong.status()).isEqualTo(400);
    }

    /** Retention (issue 16) rides on this app, which starts with settings of its own anyway: see {@link RetentionCheck}. */
    @Test
    void retentionExpiresRestyleResultsAndOldJobs() {
        RetentionCheck.expiresAResultAndOldJobs(app, api());
    }

    private static ApiClient.Response search(ApiClient.User user, String q) {
        String encoded = q.contains("&") ? q.substring(0, q.indexOf('&')).replace(" ", "%20") + q.substring(q.indexOf('&'))
                : java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        var response = api().get("/api/v1/photos?q=" + encoded, user.token());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static List<String> ids(ApiClient.Response page) {
        return page.json().get("items").values().stream().map(item -> item.get("id").asString()).toList();
    }
}
