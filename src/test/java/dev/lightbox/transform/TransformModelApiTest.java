package dev.lightbox.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lightbox.storage.ObjectStore;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestClock;
import dev.lightbox.support.TestImages;
import dev.lightbox.transform.pipeline.GenerateInput;
import dev.lightbox.transform.pipeline.StyleInfo;
import dev.lightbox.transform.pipeline.StyleRequest;
import dev.lightbox.transform.service.OnnxModelRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Installing, checking, serving and uninstalling admin ONNX models on the real app, with real tiny ONNX files. */
class TransformModelApiTest extends IntegrationTest {

    private static final String ROUTE = "/api/v1/admin/transform-models";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired OnnxModelRegistry registry;
    @Autowired ObjectStore store;
    @Autowired TestClock.MovableClock clock;

    private String admin;
    private final List<String> installed = new ArrayList<>();

    @BeforeEach
    void signIn() {
        admin = api().login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** Other test classes share this context: no model of ours may stay installed (a depth model changes every restyle). */
    @AfterEach
    void uninstallOurs() {
        var cleaner = new dev.lightbox.base.security.LightboxUser(UUID.randomUUID(), ADMIN_EMAIL, List.of("ADMIN"));
        installed.forEach(name -> registry.uninstall(name, cleaner));
    }

    @Test
    void installAndUninstallAreAudited() {
        String name = name("audited");
        assertThat(install(OnnxTestModels.invert(1, 3, 16, 16), spec(name, "style", 16, 16), admin).status()).isEqualTo(201);
        assertThat(api().delete(ROUTE + "/" + name, admin).status()).isEqualTo(204);
        assertThat(api().delete(ROUTE + "/" + name, admin).status()).isEqualTo(404);
        JsonNode entries = api().get("/api/v1/admin/audit?target=" + name, admin).json().get("items");
        assertThat(entries.valueStream().map(e -> e.get("action").asString())).containsExactly("transform-model.uninstall", "transform-model.install");
        assertThat(entries.valueStream().map(e -> e.get("actorEmail").asString())).containsOnly(ADMIN_EMAIL);
        assertThat(entries.valueStream().map(e -> e.get("targetType").asString())).containsOnly("transform-model");
        assertThat(entries.get(1).get("detail").asString()).startsWith("Installed style model '" + name + "'");
        assertThat(entries.get(0).get("detail").asString()).isEqualTo("Uninstalled model '" + name + "'");
    }

    @Test
    void aStyleModelIsListedAndItsGeneratorInvertsThePixels() throws Exception {
        String name = name("invert");
        ApiClient.Response response = install(OnnxTestModels.invert(1, 3, 64, 64), spec(name, "style", 64, 64), admin);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("name").asString()).isEqualTo(name);
        assertThat(response.json().get("sha256").asString()).hasSize(64);
        assertThat(response.json().get("spec").get("width").asInt()).isEqualTo(64);

        JsonNode list = api().get(ROUTE, admin).json().get("items");
        assertThat(list.valueStream().map(m -> m.get("name").asString())).contains(name);
        assertThat(registry.styles()).extracting(StyleInfo::id).contains("onnx:" + name);

        var fractions = new ArrayList<Double>();
        try (Mat image = twoHalves(120, 90); Mat edges = new Mat(90, 120, opencv_core.CV_8UC1, new Scalar(0));
             Mat mask = new Mat(90, 120, opencv_core.CV_8UC1, new Scalar(0))) {
            var input = new GenerateInput(image, mask, edges, null, null, List.<Rect>of(),
                    new Request("onnx:" + name), (fraction, message) -> fractions.add(fraction));
            try (Mat result = registry.generator("onnx:" + name).orElseThrow().generate(input)) {
                assertThat(result.cols()).isEqualTo(120);
                assertThat(result.rows()).isEqualTo(90);
                assertThat(result.type()).isEqualTo(opencv_core.CV_8UC3);
                UByteIndexer px = result.createIndexer();
                // away from the border between the halves, every channel is 255 − the input's
                assertThat(new int[] {px.get(45, 20, 0), px.get(45, 20, 1), px.get(45, 20, 2)}).containsExactly(255 - 30, 255 - 60, 255 - 90);
                assertThat(new int[] {px.get(45, 100, 0), px.get(45, 100, 1), px.get(45, 100, 2)}).containsExactly(255 - 200, 255 - 100, 255 - 50);
            }
        }
        assertThat(fractions).isNotEmpty().isSorted();
    }

    @Test
    void aDepthModelAnswersAMapFromZeroToOneTheImagesSize() throws Exception {
        String name = name("depth");
        ApiClient.Response response = install(OnnxTestModels.channelMean(-1, -1), spec(name, "depth", 32, 32), admin);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(registry.styles()).extracting(StyleInfo::id).doesNotContain("onnx:" + name);
        var depth = registry.depth().orElseThrow();
        assertThat(depth.name()).isEqualTo(name);
        try (Mat image = twoHalves(100, 60); Mat map = depth.estimate(image)) {
            assertThat(map.cols()).isEqualTo(100);
            assertThat(map.rows()).isEqualTo(60);
            assertThat(map.type()).isEqualTo(opencv_core.CV_32FC1);
            double[] min = new double[1];
            double[] max = new double[1];
            opencv_core.minMaxLoc(map, min, max, null, null, null);
            assertThat(min[0]).isCloseTo(0, within(1e-4));
            assertThat(max[0]).isCloseTo(1, within(1e-4));
            FloatIndexer values = map.createIndexer();
            // the left half (mean 60) is darker than the right (mean 116.7): 0 and 1 after normalising
            assertThat(values.get(30, 10)).isCloseTo(0f, within(1e-3f));
            assertThat(values.get(30, 90)).isCloseTo(1f, within(1e-3f));
        }
    }

    @Test
    void aFileThatIsNoModelIsRefusedWithTheReasonLeavingNoRowAndNoObject() {
        String name = name("garbage");
        ApiClient.Response response = install("this is not an onnx model".getBytes(StandardCharsets.UTF_8), spec(name, "style", 64, 64), admin);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.detail()).startsWith("file: ONNX Runtime cannot use it");
        assertNothingLeft(name);
    }

    @Test
    void aSpecThatContradictsTheModelIsRefused() {
        String name = name("mismatch");
        ApiClient.Response size = install(OnnxTestModels.invert(1, 3, 64, 64), spec(name, "style", 32, 64), admin);
        assertThat(size.status()).isEqualTo(400);
        assertThat(size.detail()).startsWith("spec: the model's input is 1×3×64×64").contains("width differs");
        ApiClient.Response channels = install(OnnxTestModels.invert(1, 3, 64, 64), spec(name, "depth", 64, 64), admin);
        assertThat(channels.status()).isEqualTo(400);
        assertThat(channels.detail()).isEqualTo("spec: a depth model must output one channel; this one outputs 1×3×64×64.");
        ApiClient.Response layout = install(OnnxTestModels.invert(1, 3, 64, 64), spec(name, "style", 64, 64).replace("NCHW", "NHWC"), admin);
        assertThat(layout.status()).isEqualTo(400);
        assertThat(layout.detail()).contains("channels differs");
        ApiClient.Response badName = install(OnnxTestModels.invert(1, 3, 64, 64), spec("Not A Name", "style", 64, 64), admin);
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.detail()).startsWith("spec: name:");
        assertNothingLeft(name);
    }

    @Test
    void aTakenNameIsAConflictAndTheSecondFileIsNotKept() {
        String name = name("taken");
        assertThat(install(OnnxTestModels.invert(1, 3, 16, 16), spec(name, "style", 16, 16), admin).status()).isEqualTo(201);
        ApiClient.Response again = install(OnnxTestModels.invert(1, 3, -1, -1), spec(name, "style", 16, 16), admin);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.detail()).contains(name);
        assertThat(store.list("transform-models/" + name + "/")).hasSize(1);
    }

    @Test
    void uninstallingRemovesTheRowTheObjectAndTheStyle() {
        String name = name("gone");
        assertThat(install(OnnxTestModels.invert(1, 3, -1, -1), spec(name, "style", 24, 24), admin).status()).isEqualTo(201);
        assertThat(store.list("transform-models/" + name + "/")).hasSize(1);
        assertThat(api().delete(ROUTE + "/" + name, admin).status()).isEqualTo(204);
        assertNothingLeft(name);
        assertThat(registry.generator(name)).isEmpty();
        assertThat(api().delete(ROUTE + "/" + name, admin).status()).isEqualTo(404);
    }

    @Test
    void aUserIsForbiddenEveryRoute() {
        String name = name("forbidden");
        String user = api().newUser().token();
        assertThat(api().get(ROUTE, user).status()).isEqualTo(403);
        assertThat(install(OnnxTestModels.invert(1, 3, 16, 16), spec(name, "style", 16, 16), user).status()).isEqualTo(403);
        assertNothingLeft(name);
        assertThat(install(OnnxTestModels.invert(1, 3, 16, 16), spec(name, "style", 16, 16), admin).status()).isEqualTo(201);
        assertThat(api().delete(ROUTE + "/" + name, user).status()).isEqualTo(403);
        assertThat(registry.find(name)).isPresent();
    }

    @Test
    void aRestyleWithAnInstalledModelCompletesAndTheDepthModelRunsForPortraitBlurOnly() {
        ApiClient api = api();
        String style = name("e2e");
        String depth = name("e2e-depth");
        // a mild contrast change (y = 0.8·x + 0.1) at a dynamic size, read at 480×320: edges survive the round trip
        ApiClient.Response installed = install(OnnxTestModels.affine(0.8f, 0.1f, 1, 3, -1, -1), spec(style, "style", 480, 320), admin);
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        ApiClient.Response depthInstalled = install(OnnxTestModels.channelMean(-1, -1), spec(depth, "depth", 96, 64), admin);
        assertThat(depthInstalled.status()).as(depthInstalled.body()).isEqualTo(201);

        ApiClient.User user = api.newUser();
        JsonNode styles = api.get("/api/v1/transforms/styles", user.token()).json().get("items");
        JsonNode listed = styles.valueStream().filter(s -> s.get("id").asString().equals("onnx:" + style)).findFirst().orElseThrow();
        assertThat(listed.get("builtIn").asBoolean()).isFalse();
        assertThat(listed.get("title").asString()).isEqualTo("Test " + style);
        assertThat(styles.valueStream().map(s -> s.get("id").asString())).doesNotContain("onnx:" + depth);

        byte[] photo = TestImages.uniqueCopy(TestImages.read(TestImages.MESSI));
        ApiClient.Response uploaded = api.upload("messi.jpg", photo, user.token());
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        ApiClient.Response started = api.post("/api/v1/transforms",
                Map.of("photoId", uploaded.json().get("id").asString(), "style", "onnx:" + style, "params", Map.of()), user.token());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().get("id").asString();

        JsonNode done = ApiClient.await("transform " + id + " finishes", Duration.ofSeconds(60),
                () -> api.get("/api/v1/transforms/" + id, user.token()).json(),
                t -> Set.of("completed", "failed", "cancelled").contains(t.get("status").asString()));
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(step(done, "depth").get("status").asString()).as(done.toString()).isEqualTo("skipped");
        assertThat(step(done, "depth").get("message").asString()).isEqualTo("skipped: onnx:" + style + " does not use depth");
        assertThat(step(done, "generate").get("status").asString()).isEqualTo("done");

        ApiClient.Response blurred = api.post("/api/v1/transforms",
                Map.of("photoId", uploaded.json().get("id").asString(), "style", "portrait-blur", "params", Map.of()), user.token());
        assertThat(blurred.status()).as(blurred.body()).isEqualTo(202);
        String blurId = blurred.json().get("id").asString();
        JsonNode blurDone = ApiClient.await("transform " + blurId + " finishes", Duration.ofSeconds(60),
                () -> api.get("/api/v1/transforms/" + blurId, user.token()).json(),
                t -> Set.of("completed", "failed", "cancelled").contains(t.get("status").asString()));
        assertThat(blurDone.get("status").asString()).as(blurDone.toString()).isEqualTo("completed");
        assertThat(step(blurDone, "depth").get("status").asString()).as(blurDone.toString()).isEqualTo("done");
        assertThat(step(blurDone, "depth").get("message").asString()).isEqualTo("depth: " + depth);

        try (Mat original = TestImages.decode(photo);
             Mat result = TestImages.decode(api.getBytes("/api/v1/transforms/" + id + "/result", user.token()).body());
             Mat grey = new Mat()) {
            assertThat(List.of(result.cols(), result.rows())).isEqualTo(List.of(original.cols(), original.rows()));
            // 0.8·x + 0.1 lifts the darkest pixels to about 25
            opencv_imgproc.cvtColor(result, grey, opencv_imgproc.COLOR_BGR2GRAY);
            double[] min = new double[1];
            opencv_core.minMaxLoc(grey, min, null, null, null, null);
            assertThat(min[0]).isGreaterThanOrEqualTo(18);
        }
    }

    @Test
    void anOrphanedModelFileIsSweptOnceOldAndAnInstalledOneIsKept() {
        String name = name("sweep");
        assertThat(install(OnnxTestModels.invert(1, 3, 8, 8), spec(name, "style", 8, 8), admin).status()).isEqualTo(201);
        String orphan = "transform-models/" + name + "-crashed/" + UUID.randomUUID() + ".onnx";
        store.put(orphan, new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "application/octet-stream");
        registry.sweepOrphans();
        assertThat(store.stat(orphan)).as("an install may still be writing its row").isPresent();
        clock.advance(Duration.ofHours(2));
        try {
            registry.sweepOrphans();
        } finally {
            clock.reset();
        }
        assertThat(store.stat(orphan)).isEmpty();
        assertThat(store.list("transform-models/" + name + "/")).hasSize(1);
    }

    private static JsonNode step(JsonNode transform, String name) {
        return transform.get("steps").valueStream().filter(s -> s.get("name").asString().equals(name)).findFirst().orElseThrow();
    }

    private record Request(String style) implements StyleRequest {
        @Override
        public JsonNode params() {
            return JSON.createObjectNode();
        }

        @Override
        public java.util.Optional<UUID> referencePhotoId() {
            return java.util.Optional.empty();
        }
    }

    private void assertNothingLeft(String name) {
        assertThat(api().get(ROUTE, admin).json().get("items").valueStream().map(m -> m.get("name").asString())).doesNotContain(name);
        assertThat(registry.find(name)).isEmpty();
        assertThat(store.list("transform-models/" + name + "/")).isEmpty();
    }

    private String name(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        installed.add(name);
        return name;
    }

    static String spec(String name, String kind, int width, int height) {
        return """
                {"name": "%s", "kind": "%s", "title": "Test %s", "width": %d, "height": %d, "layout": "NCHW", "channels": "RGB",
                 "scale": 0.00392156862745098, "mean": [0, 0, 0], "std": [1, 1, 1]}""".formatted(name, kind, name, width, height);
    }

    /** Left half BGR (30, 60, 90), right half (200, 100, 50). */
    private static Mat twoHalves(int width, int height) {
        var image = new Mat(height, width, opencv_core.CV_8UC3, new Scalar(30, 60, 90, 0));
        try (var right = new Rect(width / 2, 0, width - width / 2, height); var half = new Mat(image, right);
             var colour = new Scalar(200, 100, 50, 0)) {
            half.put(colour);
        }
        return image;
    }

    /** POSTs the spec first, then the file, as multipart/form-data. */
    ApiClient.Response install(byte[] file, String spec, String token) {
        String boundary = "lightbox-" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"spec\"\r\n\r\n" + spec + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"model.onnx\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + ROUTE))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new ApiClient.Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), json,
                    response.body(), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
