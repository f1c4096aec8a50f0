package dev.lightbox.coach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lightbox.culling.CameraExif;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.ApiClient.Response;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestClock;
import dev.lightbox.support.TestImages;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The deterministic coach over REST on a small known library (nine photos over three months from two cameras, of
 * varied brightness and blur): each answer's numbers and photos are compared with values computed from the photo and
 * skin APIs themselves. Another user's photos never appear; an unknown question is answered with help; a blank one is 400.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoachRulesTest extends IntegrationTest {

    private static final Duration ANALYSIS = Duration.ofSeconds(120);

    @Autowired TestClock.MovableClock clock;

    private ApiClient.User user;
    private ApiClient.User other;
    private String otherPhoto;
    private LocalDate today;
    /** The library as the photo API reports it: id → (takenAt, camera, attributes). */
    private final Map<String, Photo> library = new LinkedHashMap<>();

    record Photo(String id, LocalDateTime takenAt, String camera, double sharpness, double brightness) {
    }

    @BeforeAll
    void library() {
        today = LocalDate.now(clock);
        user = api().newUser();
        other = api().newUser();
        var ids = new ArrayList<String>();
        for (int i = 0; i < 9; i++) {
            YearMonth month = YearMonth.from(today).minusMonths(1 + i / 3);
            String takenAt = month.atDay(3 + 4 * (i % 3)).atTime(9 + i, 15).toString().replace('-', ':').replace('T', ' ') + ":00";
            boolean canon = i % 2 == 0;
            ids.add(upload(user, photo(i, 0.35 + 0.1 * i, i % 3 * 3), canon ? "Canon" : "Nikon", canon ? "EOS 5D" : "D750", takenAt));
        }
        // the other user's photo: in last month, with the same camera, sharper and darker than any of the user's
        YearMonth last = YearMonth.from(today).minusMonths(1);
        otherPhoto = upload(other, photo(99, 0.1, 0), "Canon", "EOS 5D", last.atDay(10).atTime(12, 0).toString().replace('-', ':').replace('T', ' ') + ":00");
        for (String id : ids) library.put(id, analysed(user, id));
        analysed(other, otherPhoto);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void countsForDateRangesMatchThePhotoApi() {
        YearMonth last = YearMonth.from(today).minusMonths(1);
        YearMonth third = YearMonth.from(today).minusMonths(3);
        String lastName = last.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);

        JsonNode inMonth = ask(user, "How many photos did I take in " + lastName + " " + last.getYear() + "?");
        assertThat(inMonth.get("intent").asString()).isEqualTo("count");
        assertThat(fact(inMonth, "photos")).isEqualTo(String.valueOf(count(last.atDay(1), last.atEndOfMonth(), null)));
        assertThat(fact(inMonth, "photos")).isEqualTo("3");
        assertThat(inMonth.get("answer").asString()).contains("3 photos").contains("in " + lastName + " " + last.getYear() + " (1–");
        assertThat(inMonth.get("source").asString()).isEqualTo("rules");
        assertThat(inMonth.get("functions")).extracting(JsonNode::asString).containsExactly("count_photos");

        assertThat(fact(ask(user, "how many photos last month"), "photos")).isEqualTo(fact(inMonth, "photos"));
        JsonNode since = ask(user, "How many photos since " + third.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + third.getYear() + "?");
        assertThat(fact(since, "photos")).isEqualTo(String.valueOf(count(third.atDay(1), today, null))).isEqualTo("9");
        JsonNode between = ask(user, "how many photos between " + third.atDay(1) + " and " + third.atDay(8));
        assertThat(fact(between, "photos")).isEqualTo(String.valueOf(count(third.atDay(1), third.atDay(8), null)));
        JsonNode nikon = ask(user, "How many photos did I take with my Nikon?");
        assertThat(fact(nikon, "photos")).isEqualTo(String.valueOf(count(null, null, "Nikon D750"))).isEqualTo("4");
        assertThat(fact(ask(user, "how many photos this month"), "photos")).isEqualTo("0");
    }

    @Test
    void theSharpestAndTheDarkestPhotoAreTheOnesThePhotoApiShows() {
        JsonNode sharpest = ask(user, "Which is my sharpest photo?");
        assertThat(sharpest.get("intent").asString()).isEqualTo("top");
        Photo expected = library.values().stream().max(Comparator.comparingDouble(Photo::sharpness)).orElseThrow();
        assertThat(ids(sharpest)).containsExactly(expected.id());
        assertThat(Double.parseDouble(fact(sharpest, "sharpness #1"))).isCloseTo(expected.sharpness(), within(0.0006));

        JsonNode darkest = ask(user, "What is my darkest photo?");
        Photo darkestPhoto = library.values().stream().min(Comparator.comparingDouble(Photo::brightness)).orElseThrow();
        assertThat(ids(darkest)).containsExactly(darkestPhoto.id());
        assertThat(Double.parseDouble(fact(darkest, "brightness #1"))).isCloseTo(darkestPhoto.brightness(), within(0.0006));

        JsonNode dark = ask(user, "show my dark photos");
        assertThat(ids(dark)).as("every matching photo, darkest first")
                .containsExactlyElementsOf(library.values().stream().sorted(Comparator.comparingDouble(Photo::brightness)).map(Photo::id).toList());
        assertThat(ids(dark)).doesNotContain(otherPhoto);
        JsonNode blurryCanon = ask(user, "my blurriest photos taken with my Canon");
        assertThat(ids(blurryCanon)).containsExactlyElementsOf(library.values().stream().filter(p -> p.camera().equals("Canon EOS 5D"))
                .sorted(Comparator.comparingDouble(Photo::sharpness)).map(Photo::id).toList());
    }

    @Test
    void anAttributeTrendHasTheMonthlyMeansOfThePhotoApi() {
        JsonNode trend = ask(user, "How has my brightness changed?");
        assertThat(trend.get("intent").asString()).isEqualTo("trend");
        var expected = new TreeMap<String, List<Double>>();
        library.values().forEach(p -> expected.computeIfAbsent(p.takenAt().toString().substring(0, 7), k -> new ArrayList<>()).add(p.brightness()));
        JsonNode chart = trend.get("chart");
        assertThat(chart.get("kind").asString()).isEqualTo("LINE");
        JsonNode points = chart.get("series").get(0).get("points");
        assertThat(points).extracting(p -> p.get("x").asString()).containsExactlyElementsOf(expected.keySet());
        int i = 0;
        for (List<Double> values : expected.values()) {
            assertThat(points.get(i++).get("y").asDouble()).isCloseTo(values.stream().mapToDouble(d -> d).average().orElseThrow(), within(1e-9));
        }
        double first = points.get(0).get("y").asDouble();
        double last = points.get(points.size() - 1).get("y").asDouble();
        assertThat(Double.parseDouble(fact(trend, "change").replace('−', '-'))).isCloseTo(last - first, within(0.0006));
        assertThat(trend.get("answer").asString()).contains(fact(trend, "first mean")).contains(fact(trend, "last mean"));
    }

    @Test
    void aComparisonByCameraHasEachCamerasMeanAndCount() {
        JsonNode compare = ask(user, "Compare sharpness by camera");
        assertThat(compare.get("intent").asString()).isEqualTo("compare");
        assertThat(compare.get("chart").get("kind").asString()).isEqualTo("BAR");
        Map<String, List<Photo>> byCamera = library.values().stream().collect(Collectors.groupingBy(Photo::camera, TreeMap::new, Collectors.toList()));
        JsonNode bars = compare.get("chart").get("series").get(0).get("points");
        assertThat(bars).extracting(p -> p.get("x").asString()).containsExactlyElementsOf(byCamera.keySet());
        int i = 0;
        for (var group : byCamera.entrySet()) {
            double mean = group.getValue().stream().mapToDouble(Photo::sharpness).average().orElseThrow();
            assertThat(bars.get(i++).get("y").asDouble()).isCloseTo(mean, within(1e-9));
            assertThat(fact(compare, group.getKey() + " photos")).as("the other user's Canon photo is not counted")
                    .isEqualTo(String.valueOf(group.getValue().size()));
        }
    }

    @Test
    void aSkinTrendMatchesTheSkinApi() {
        ApiClient.User skin = api().newUser();
        var ids = new ArrayList<String>();
        try {
            for (int daysAgo : new int[] {40, 0}) {
                clock.reset();
                clock.advance(Duration.ofDays(-daysAgo));
                Response added = checkin(reddened(daysAgo), skin.token());
                assertThat(added.status()).as(added.body()).isEqualTo(202);
                ids.add(added.json().get("photoId").asString());
            }
        } finally {
            clock.reset();
        }
        for (String id : ids) {
            ApiClient.await("check-in " + id, ANALYSIS, () -> api().get("/api/v1/skin/checkins/" + id, skin.token()).json(),
                    c -> c.get("status").asString().equals("done"));
        }
        LocalDate first = today.minusDays(40);
        JsonNode answer = ask(skin, "How is my redness since " + first.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + first.getYear() + "?");
        assertThat(answer.get("intent").asString()).isEqualTo("skin");
        assertThat(answer.get("functions")).extracting(JsonNode::asString).containsExactly("skin_change");
        JsonNode points = api().get("/api/v1/skin/trends?metric=redness", skin.token()).json().get("points");
        assertThat(points).hasSize(2);
        assertThat(Double.parseDouble(fact(answer, "first redness"))).isCloseTo(points.get(0).get("value").asDouble(), within(0.0006));
        assertThat(Double.parseDouble(fact(answer, "last redness"))).isCloseTo(points.get(1).get("value").asDouble(), within(0.0006));
        assertThat(answer.get("chart").get("series").get(0).get("points")).extracting(p -> p.get("y").asDouble())
                .containsExactly(points.get(0).get("value").asDouble(), points.get(1).get("value").asDouble());
        assertThat(fact(answer, "check-ins")).isEqualTo("2");

        JsonNode suggestions = api().get("/api/v1/coach/suggestions", skin.token()).json().get("suggestions");
        assertThat(suggestions).extracting(JsonNode::asString).anyMatch(s -> s.startsWith("How is my redness since"));
        assertThat(ask(user, "how is my redness?").get("answer").asString()).as("the user without check-ins").contains("no analysed skin check-in");
    }

    @Test
    void anotherUsersPhotosNeverAppear() {
        assertThat(ids(ask(other, "show my sharpest photos"))).containsExactly(otherPhoto);
        assertThat(fact(ask(other, "how many photos do I have"), "photos")).isEqualTo("1");
        assertThat(ids(ask(user, "show my sharpest photos"))).hasSize(9).doesNotContain(otherPhoto);
        assertThat(fact(ask(user, "how many photos do I have"), "photos")).isEqualTo("9");
    }

    @Test
    void suggestionsAreAnsweredForTheCallersData() {
        JsonNode suggestions = api().get("/api/v1/coach/suggestions", user.token()).json().get("suggestions");
        assertThat(suggestions.size()).isBetween(4, 8);
        assertThat(suggestions).extracting(JsonNode::asString).contains("Compare sharpness by camera").noneMatch(s -> s.contains("redness"));
        for (JsonNode s : suggestions) assertThat(ask(user, s.asString()).get("intent").asString()).as(s.asString()).isNotEqualTo("help");
    }

    @Test
    void anUnknownQuestionIsAnsweredWithHelpAndABlankOneIsRefused() {
        JsonNode help = ask(user, "What is the meaning of life?");
        assertThat(help.get("intent").asString()).isEqualTo("help");
        assertThat(help.get("answer").asString()).contains("For example").contains("How many photos did I take last month?");
        assertThat(help.get("facts")).isNotEmpty();
        assertThat(help.get("photos")).isEmpty();
        assertThat(help.get("chart").isNull()).isTrue();

        for (Object body : new Object[] {Map.of("question", "   "), Map.of(), Map.of("question", "x".repeat(501))}) {
            Response refused = api().post("/api/v1/coach/ask", body, user.token());
            assertThat(refused.status()).as(body.toString()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.detail()).contains("question");
        }
        assertThat(api().post("/api/v1/coach/ask", Map.of("question", "how many photos"), null).status()).isEqualTo(401);
    }

    private JsonNode ask(ApiClient.User who, String question) {
        Response response = api().post("/api/v1/coach/ask", Map.of("question", question), who.token());
        assertThat(response.status()).as(question + ": " + response.body()).isEqualTo(200);
        return response.json();
    }

    private static String fact(JsonNode answer, String name) {
        for (JsonNode f : answer.get("facts")) if (f.get("name").asString().equals(name)) return f.get("value").asString();
        throw new AssertionError("no fact " + name + " in " + answer);
    }

    private static List<String> ids(JsonNode answer) {
        var ids = new ArrayList<String>();
        answer.get("photos").forEach(p -> ids.add(p.asString()));
        return ids;
    }

    /** Photos of the user by the photo API, taken from..to (days included), with a camera. */
    private long count(LocalDate from, LocalDate to, String camera) {
        JsonNode items = api().get("/api/v1/photos?limit=500", user.token()).json().get("items");
        long n = 0;
        for (JsonNode p : items) {
            LocalDate day = LocalDateTime.parse(p.get("takenAt").asString()).toLocalDate();
            String cam = p.get("camera").get("make").asString() + " " + p.get("camera").get("model").asString();
            if ((from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to)) && (camera == null || cam.equals(camera))) n++;
        }
        return n;
    }

    /** A generated picture, its brightness scaled by {@code gain} and blurred by {@code blur} (0: sharp). */
    private static byte[] photo(long seed, double gain, int blur) {
        Mat image = TestImages.picture(160, 120, 1000 + seed);
        image.convertTo(image, -1, gain, 0);
        if (blur > 0) opencv_imgproc.GaussianBlur(image, image, new Size(0, 0), blur);
        return TestImages.uniqueCopy(TestImages.encode(image, ".jpg"));
    }

    private String upload(ApiClient.User who, byte[] jpeg, String make, String model, String takenAt) {
        Response response = api().upload("photo.jpg", CameraExif.jpeg(jpeg, make, model, takenAt), who.token());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private Photo analysed(ApiClient.User who, String id) {
        JsonNode photo = ApiClient.await("analysis of " + id, ANALYSIS, () -> api().get("/api/v1/photos/" + id, who.token()).json(),
                p -> p.get("analysis").get("status").asString().equals("done"));
        JsonNode a = photo.get("analysis").get("attributes");
        return new Photo(id, LocalDateTime.parse(photo.get("takenAt").asString()),
                photo.get("camera").get("make").asString() + " " + photo.get("camera").get("model").asString(),
                a.get("sharpness").asDouble(), a.get("brightness").asDouble());
    }

    /** Grace Hopper with redder cheeks the fewer days ago (new bytes each time). */
    private static byte[] reddened(int daysAgo) {
        Mat image = TestImages.decode(TestImages.read(TestImages.GRACE_HOPPER));
        int red = 45 - daysAgo;
        try (Mat cheeks = image.apply(new org.bytedeco.opencv.opencv_core.Rect(150, 260, 220, 90))) {
            cheeks.put(org.bytedeco.opencv.global.opencv_core.add(cheeks, new org.bytedeco.opencv.opencv_core.Scalar(0, 0, Math.max(0, red), 0)));
        }
        return TestImages.uniqueCopy(TestImages.encode(image, ".jpg"));
    }

    private Response checkin(byte[] bytes, String token) {
        String boundary = "lightbox-" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"selfie.jpg\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/skin/checkins"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body().isBlank() ? tools.jackson.databind.json.JsonMapper.builder().build().nullNode()
                            : tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body()),
                    response.body(), response.headers());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
