package dev.lightbox.telegram;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.AppRunner;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Bot photo → reply latency with the job queue idle: the app polls {@link BotApiStub} (poll timeout 25 s, as in
 * production, so an update is answered by the long poll that is waiting); one photo at a time (each a new
 * content, so nothing is cached) from queueing the update at the stub to the reply (the annotated crop captioned with
 * the metrics) arriving there; and how often the analysis was slow enough for a "Got it" to go first. Baseline: the same photos through {@code POST /api/v1/skin/checkins} until the
 * check-in reads {@code done} (polled every 10 ms), i.e. upload + job without the bot.
 */
class TelegramBotBench {

    private static final int PHOTOS = 20;
    private static final long CHAT = 31_337;

    @Test
    void photoToReplyLatency() throws Exception {
        byte[] face = TestImages.read(TestImages.GRACE_HOPPER);
        try (var stub = new BotApiStub(TelegramBotTest.TOKEN);
             ConfigurableApplicationContext app = AppRunner.start(IntegrationTest.newDataDir("telegram-bench"),
                     "lightbox.telegram.bot-token=" + TelegramBotTest.TOKEN, "lightbox.telegram.api-url=" + stub.url(),
                     "lightbox.telegram.poll-timeout=25s")) {
            ApiClient api = AppRunner.api(app);
            var user = api.newUser();
            stub.queueText(CHAT, "/start " + api.post("/api/v1/telegram/link", "", user.token()).json().get("token").asString());
            awaitCount(stub, 1);

            // warm-up: the first analysis loads the models
            stub.queuePhoto(CHAT, TestImages.uniqueCopy(face), 512, 512);
            awaitPhotos(stub, 1);
            double[] reply = new double[PHOTOS];
            int acks = 0;
            for (int i = 0; i < PHOTOS; i++) {
                Thread.sleep(1100); // the per-chat limit (1 message/s) after the last reply is not what this measures
                int sentBefore = stub.sentTo(CHAT).size();
                long start = System.nanoTime();
                stub.queuePhoto(CHAT, TestImages.uniqueCopy(face), 512, 512);
                var answer = awaitPhotos(stub, i + 2);
                reply[i] = (answer.atNanos() - start) / 1e6;
                acks += (int) stub.sentTo(CHAT).subList(sentBefore, stub.sentTo(CHAT).size()).stream().filter(s -> s.text().startsWith("Got it")).count();
            }

            double[] baseline = new double[PHOTOS];
            try (var http = HttpClient.newHttpClient()) {
                for (int i = 0; i < PHOTOS; i++) {
                    long start = System.nanoTime();
                    String photoId = upload(http, api, app, user.token(), TestImages.uniqueCopy(face));
                    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
                            .until(() -> api.get("/api/v1/skin/checkins/" + photoId, user.token()).json().path("status").asString(""),
                                    status -> !status.equals("pending") && !status.isEmpty());
                    baseline[i] = (System.nanoTime() - start) / 1e6;
                }
            }
            System.out.printf("%nTelegram bot, photo → reply (%d photos of 512×512, job queue idle, loopback Bot API stub)%n", PHOTOS);
            report("reply (crop captioned with metrics)", reply);
            System.out.printf("  \"Got it\" sent first (no answer within 1.5 s): %d of %d%n", acks, PHOTOS);
            report("baseline: REST check-in → done", baseline);
        }
    }

    private static BotApiStub.Sent awaitPhotos(BotApiStub stub, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(2))
                .until(() -> stub.sentTo(CHAT).stream().filter(BotApiStub.Sent::isPhoto).toList(), photos -> photos.size() >= count).get(count - 1);
    }

    private static void awaitCount(BotApiStub stub, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(2)).until(() -> stub.sentTo(CHAT).size() >= count);
    }

    private static String upload(HttpClient http, ApiClient api, ConfigurableApplicationContext app, String token, byte[] jpeg) throws Exception {
        String boundary = "bench-" + UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"face.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(jpeg);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.getEnvironment().getProperty("local.server.port")
                        + "/api/v1/skin/checkins"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) throw new AssertionError("check-in upload: " + response.statusCode() + " " + response.body());
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body()).get("photoId").asString();
    }

    private static void report(String what, double[] millis) {
        System.out.printf("  %-34s p50 %7.0f ms   p95 %7.0f ms   (min %.0f, max %.0f)%n", what, percentile(millis, 50), percentile(millis, 95),
                Arrays.stream(millis).min().orElse(0), Arrays.stream(millis).max().orElse(0));
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
