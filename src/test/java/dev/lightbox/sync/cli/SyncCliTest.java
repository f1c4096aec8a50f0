package dev.lightbox.sync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lightbox.analysis.service.ContentAnalyzer;
import dev.lightbox.storage.ObjectStore;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The sync command run in-process against the shared app (and loopback stubs for what a healthy server never does). */
class SyncCliTest extends IntegrationTest {

    @Autowired
    ObjectStore store;

    @TempDir
    Path folder;

    @TempDir
    Path cache;

    private final Map<String, String> hashes = new java.util.TreeMap<>(); // file name → sha256 of the photos that must arrive

    @BeforeEach
    void photos() throws Exception {
        copy(TestImages.GRACE_HOPPER, "grace.jpg");
        copy(TestImages.MESSI, "trips/messi.jpg");
        write("trips/2024/generated.png", TestImages.encode(TestImages.picture(640, 480, 7), ".png"));
        write("trips/2024/generated.webp", TestImages.encode(TestImages.picture(500, 400, 8), ".webp"));
        write("generated.tiff", TestImages.encode(TestImages.picture(300, 200, 9), ".tiff"));
        byte[] fruits = TestImages.read(TestImages.FRUITS);
        Files.write(folder.resolve("cut.jpg"), Arrays.copyOf(fruits, fruits.length / 2)); // truncated
        Files.writeString(folder.resolve("notes.txt"), "not a photo");
        Files.createDirectories(folder.resolve(".thumbnails"));
        Files.write(folder.resolve(".thumbnails/hidden.jpg"), TestImages.jpeg(64, 64, 10)); // hidden folders are not visited
    }

    @Test
    void syncsAttributesWithoutAddingAnObjectAndASecondRunSendsNothing() throws Exception {
        ApiClient.User user = api().newUser();
        Set<String> keysBefore = keys();

        Run first = run("--server", server(), "--token", user.token(), "--threads", "2");

        assertThat(first.code()).as(first.text()).isZero();
        assertThat(count(first, "analysed")).isEqualTo(5);
        assertThat(count(first, "synced")).isEqualTo(5);
        assertThat(count(first, "skipped")).isEqualTo(2); // the truncated JPEG (named) and the text file (counted)
        assertThat(count(first, "failed")).isZero();
        assertThat(first.out()).contains("cut.jpg: The file is truncated").doesNotContain("notes.txt").doesNotContain("hidden.jpg");
        assertThat(first.text()).doesNotContain(user.token());

        Map<String, JsonNode> onServer = syncedItems(user.token());
        assertThat(onServer.keySet()).containsExactlyInAnyOrderElementsOf(hashes.values());
        JsonNode grace = onServer.get(hashes.get("grace.jpg"));
        assertThat(grace.get("analyzerVersion").asInt()).isEqualTo(ContentAnalyzer.version());
        assertThat(grace.get("attributes").get("faceCount").asInt()).isEqualTo(1);
        assertThat(grace.get("attributes").get("sharpness").asDouble()).isBetween(0.0, 1.0);
        assertThat(grace.get("metadata").get("width").asInt()).isEqualTo(512);
        JsonNode scored = ApiClient.await("the synced photos are scored", java.time.Duration.ofSeconds(30),
                () -> api().get("/api/v1/photos?sort=score&limit=100", user.token()).json().get("items"), items -> items.size() == 5);
        scored.forEach(photo -> assertThat(photo.get("source").asString()).isEqualTo("sync"));
        assertThat(keys()).as("no object was added to the bucket").isEqualTo(keysBefore);

        Run second = run("--server", server(), "--token", user.token());

        assertThat(second.code()).as(second.text()).isZero();
        assertThat(count(second, "analysed")).isZero();
        assertThat(count(second, "cached")).isEqualTo(5);
        assertThat(count(second, "synced")).isZero();
        assertThat(count(second, "already synced")).isEqualTo(5);
        assertThat(second.out()).contains("cut.jpg: The file is truncated");
    }

    @Test
    void theClientsAttributesAreTheServersForTheSameBytes() throws Exception {
        ApiClient.User user = api().newUser();
        byte[] rotated = TestImages.withExif(TestImages.read(TestImages.MESSI), 6, "2023:08:14 18:02:00", null, null);
        Path file = Files.write(folder.resolve("rotated.jpg"), rotated);
        String photoId = api().upload("rotated.jpg", rotated, user.token()).json().get("id").asString();
        JsonNode serverAttributes = ApiClient.await("the server's analysis", java.time.Duration.ofSeconds(60),
                () -> api().get("/api/v1/photos/" + photoId, user.token()).json().get("analysis"),
                analysis -> "done".equals(analysis.get("status").asString())).get("attributes");

        try (LocalCache local = LocalCache.open(cache)) {
            var outcome = new FileExaminer(local, ContentAnalyzer::create, java.time.Clock.systemUTC()).examine(file);
            assertThat(outcome).isInstanceOf(FileExaminer.Ready.class);
            JsonNode clientAttributes = tools.jackson.databind.json.JsonMapper.builder().build()
                    .readTree(((FileExaminer.Ready) outcome).itemJson()).get("attributes");
            assertThat(clientAttributes).isEqualTo(serverAttributes);
        }
    }

    @Test
    void aDryRunAnalysesAndPrintsButSendsNothing() throws Exception {
        ApiClient.User user = api().newUser();

        Run dry = run("--dry-run", "--server", server(), "--token", user.token());

        assertThat(dry.code()).as(dry.text()).isZero();
        assertThat(dry.out()).contains(hashes.get("grace.jpg") + "  grace.jpg  512x512").contains("faceCount=1");
        assertThat(syncedItems(user.token())).isEmpty();

        Run real = run("--server", server(), "--token", user.token());
        assertThat(count(real, "analysed")).isZero(); // the dry run's analyses were kept
        assertThat(count(real, "synced")).as("the dry run marked nothing as sent").isEqualTo(5);
    }

    @Test
    void aRefusedTokenAndABusyCacheStopWithExitTwo() throws Exception {
        Run refused = run("--server", server(), "--token", "not-a-token-of-this-server");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("The token was refused").doesNotContain("not-a-token-of-this-server");

        try (LocalCache held = LocalCache.open(cache)) {
            Run busy = run("--server", server(), "--token", api().newUser().token());
            assertThat(busy.code()).isEqualTo(2);
            assertThat(busy.err()).contains("Another sync is running");
        }
    }

    @Test
    void anotherAnalyserVersionIsReportedWithWhatToDo() throws Exception {
        int theirs = ContentAnalyzer.version() + 1;
        try (Stub stub = new Stub(request -> info(theirs), body -> new Answer(500, "{}"))) {
            Run run = run("--server", stub.url(), "--token", "t");
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).contains("This client's analyser is version " + ContentAnalyzer.version() + ", the server's is " + theirs
                    + ": download lightbox.jar from the server's version");
            assertThat(stub.posts()).isEmpty();
        }
    }

    @Test
    void unavailableAnswersAreRetriedUntilTheServerTakesTheBatch() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (Stub stub = new Stub(request -> info(ContentAnalyzer.version()),
                body -> attempts.incrementAndGet() <= 2 ? new Answer(503, "{\"detail\":\"restarting\"}")
                        : new Answer(200, "{\"created\":5,\"updated\":0,\"unchanged\":0}"))) {
            Run run = run("--server", stub.url(), "--token", "t");
            assertThat(run.code()).as(run.text()).isZero();
            assertThat(attempts).hasValue(3);
            assertThat(stub.posts()).hasSize(3).allSatisfy(body -> assertThat(body).isEqualTo(stub.posts().getFirst()));
            assertThat(count(run, "synced")).isEqualTo(5);
            assertThat(run.err()).contains("the server answered 503; trying again");
        }
    }

    @Test
    void theServersProblemsNameTheFileAndTheRestIsSentAgain() throws Exception {
        try (Stub stub = new Stub(request -> info(ContentAnalyzer.version()), body -> {
            int items = (body.length() - body.replace("\"sha256\"", "").length()) / "\"sha256\"".length();
            return items == 5
                    ? new Answer(400, "{\"problems\":[{\"index\":0,\"field\":\"attributes.sharpness\",\"problem\":\"must be at most 1.\"}]}")
                    : new Answer(200, "{\"created\":4,\"updated\":0,\"unchanged\":0}");
        })) {
            Run run = run("--server", stub.url(), "--token", "t", "--threads", "1");
            assertThat(run.code()).isEqualTo(1);
            assertThat(count(run, "failed")).isEqualTo(1);
            assertThat(count(run, "synced")).isEqualTo(4);
            // items go in path order: the first is generated.tiff
            assertThat(run.out()).contains("generated.tiff: the server refused it: attributes.sharpness: must be at most 1.");
            assertThat(stub.posts()).hasSize(2);
        }
    }

    @Test
    void anAnswerThatIsNotTheApisJsonFailsTheBatchWithAReasonAndASummary() throws Exception {
        String huge = " ".repeat(SyncServer.MAX_ANSWER_BYTES) + "{\"created\":5,\"updated\":0,\"unchanged\":0}";
        for (String answer : List.of("<html><body>Please log in</body></html>", "{}", huge)) {
            try (Stub stub = new Stub(request -> info(ContentAnalyzer.version()), body -> new Answer(200, answer))) {
                Run run = run("--server", stub.url(), "--token", "t", "--threads", "1");
                String shown = answer.length() > 50 ? "a long answer" : answer;
                assertThat(run.code()).as(shown + ": " + run.text()).isEqualTo(1);
                assertThat(count(run, "failed")).as(shown).isEqualTo(5);
                assertThat(count(run, "synced")).as(shown).isZero();
                assertThat(run.out()).as(shown).contains("the answer is not the sync API's {created, updated, unchanged}");
                assertThat(run.text()).as(shown).doesNotContain("Exception").doesNotContain("\tat ");
            }
        }
    }

    @Test
    void theServersSmallerLimitsApplyAndAnotherFaceDetectorStopsTheRunWithExitTwo() throws Exception {
        try (Stub stub = new Stub(request -> info(ContentAnalyzer.version(), 10_000_000, 100_000, "blazeface-full-range"),
                body -> new Answer(200, "{\"created\":1,\"updated\":0,\"unchanged\":0}"))) {
            Run run = run("--server", stub.url(), "--token", "t");
            assertThat(run.out()).as(run.text()).contains("grace.jpg: The image is 512 × 512 pixels");
            assertThat(count(run, "analysed")).as(run.text()).isEqualTo(1); // only generated.tiff (300 × 200) is within 100,000 pixels
        }
        try (Stub stub = new Stub(request -> info(ContentAnalyzer.version(), 0, 0, "haar-alt2"), body -> new Answer(500, "{}"))) {
            Run run = run("--server", stub.url(), "--token", "t");
            assertThat(run.code()).as(run.text()).isEqualTo(2);
            assertThat(run.err()).contains("This client finds faces with blazeface-full-range, the server with haar-alt2");
            assertThat(stub.posts()).isEmpty();
        }
    }

    @Test
    void imageLibrariesThatDoNotLoadStopTheRunWithASentenceOrFailOneFileWithASummary() throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = new SyncCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of())
                .analyzers(() -> {
                    throw new UnsatisfiedLinkError("no jniopencv_core in java.library.path");
                })
                .run(folder.toString(), "--cache", cache.toString(), "--dry-run");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(SyncCommand.PLATFORM_LIMIT).doesNotContain("\tat ");

        try (LocalCache local = LocalCache.open(cache)) {
            var outcome = new FileExaminer(local, () -> {
                throw new UnsatisfiedLinkError("no jniopencv_imgcodecs");
            }, java.time.Clock.systemUTC()).examine(folder.resolve("grace.jpg"));
            assertThat(outcome).isInstanceOfSatisfying(FileExaminer.Failed.class,
                    failed -> assertThat(failed.reason()).contains("an image library did not load"));
        }
    }

    // --- helpers

    record Run(int code, String out, String err) {
        String text() {
            return out + err;
        }
    }

    private Run run(String... options) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of(folder.toString(), "--cache", cache.toString()));
        args.addAll(List.of(options));
        int code = new SyncCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of())
                .run(args.toArray(String[]::new));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static int count(Run run, String name) {
        Matcher m = Pattern.compile("^  " + Pattern.quote(name) + " +(\\d+)", Pattern.MULTILINE).matcher(run.out());
        if (!m.find()) throw new AssertionError("no count '" + name + "' in:\n" + run.text());
        return Integer.parseInt(m.group(1));
    }

    private String server() {
        return "http://localhost:" + port;
    }

    private Map<String, JsonNode> syncedItems(String token) {
        var response = api().get("/api/v1/sync/attributes?limit=1000", token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Map<String, JsonNode> items = new java.util.HashMap<>();
        response.json().get("items").forEach(item -> items.put(item.get("sha256").asString(), item));
        return items;
    }

    private Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        store.list("").forEach(object -> keys.add(object.key()));
        return keys;
    }

    private void copy(Path from, String name) throws Exception {
        write(name, TestImages.read(from));
    }

    private void write(String name, byte[] bytes) throws Exception {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        hashes.put(name, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    private static Answer info(int analyzerVersion, long maxBytes, long maxPixels, String faceDetector) {
        return new Answer(200, "{\"analyzerVersion\":" + analyzerVersion + ",\"maxItems\":1000,\"userId\":\"" + java.util.UUID.randomUUID()
                + "\",\"email\":\"stub@lightbox.test\",\"maxBytes\":" + maxBytes + ",\"maxPixels\":" + maxPixels
                + ",\"faceDetector\":\"" + faceDetector + "\"}");
    }

    private static Answer info(int analyzerVersion) {
        return new Answer(200, "{\"analyzerVersion\":" + analyzerVersion + ",\"maxItems\":1000,\"userId\":\"" + java.util.UUID.randomUUID()
                + "\",\"email\":\"stub@lightbox.test\"}");
    }

    record Answer(int status, String json) {
    }

    /** A loopback server speaking the sync API's two routes, recording every POST body. */
    static final class Stub implements AutoCloseable {
        private final HttpServer server;
        private final List<String> posts = new java.util.concurrent.CopyOnWriteArrayList<>();

        Stub(Function<String, Answer> info, Function<String, Answer> post) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/api/v1/sync/info", exchange -> answer(exchange, info.apply("")));
            server.createContext("/api/v1/sync/attributes", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                posts.add(body);
                answer(exchange, post.apply(body));
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        List<String> posts() {
            return posts;
        }

        private static void answer(HttpExchange exchange, Answer answer) throws IOException {
            byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.status() >= 400 ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
