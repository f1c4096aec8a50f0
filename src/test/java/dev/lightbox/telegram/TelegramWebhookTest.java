package dev.lightbox.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.AppRunner;
import dev.lightbox.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Webhook mode: the app registers setWebhook with its secret at startup, and handles a posted update only when
 * the {@code X-Telegram-Bot-Api-Secret-Token} header matches; without it 401, with a wrong one 403, and nothing
 * of the update is handled. No node polls.
 */
class TelegramWebhookTest {

    private static final String SECRET = "webhook-Secret_0123456789abcdef";
    private static BotApiStub stub;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() throws Exception {
        stub = new BotApiStub(TelegramBotTest.TOKEN);
        app = AppRunner.start(IntegrationTest.newDataDir("telegram-webhook"), "lightbox.telegram.bot-token=" + TelegramBotTest.TOKEN,
                "lightbox.telegram.api-url=" + stub.url(), "lightbox.telegram.mode=webhook", "lightbox.telegram.webhook-secret=" + SECRET,
                "lightbox.public-url=https://photos.example.test/");
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        if (stub != null) stub.close();
    }

    private static int post(String body, String secret) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.getEnvironment().getProperty("local.server.port")
                + "/api/v1/telegram/webhook")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        try (var http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    @Test
    void theWebhookIsRegisteredWithItsSecretAndUpdatesWithoutItAreRefusedUnhandled() throws Exception {
        var registered = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> stub.calls("setWebhook"), calls -> !calls.isEmpty());
        assertThat(registered.getFirst().fields())
                .containsEntry("url", "https://photos.example.test/api/v1/telegram/webhook")
                .containsEntry("secret_token", SECRET);
        assertThat(stub.calls("getUpdates")).as("webhook mode does not poll").isEmpty();

        long chatId = 9_100_001;
        assertThat(post(stub.textUpdateJson(chatId, "/help"), null)).isEqualTo(401);
        assertThat(post(stub.textUpdateJson(chatId, "/help"), SECRET + "x")).isEqualTo(403);
        assertThat(post(stub.textUpdateJson(chatId, "/help"), "")).isEqualTo(401);
        assertThat(post("{not json", SECRET)).isEqualTo(400);
        assertThat(post("{\"update_id\": 1, \"pad\": \"" + "x".repeat(1_100_000) + "\"}", SECRET)).isEqualTo(413);

        assertThat(post(stub.textUpdateJson(chatId, "/help"), SECRET)).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> stub.sentTo(chatId).size() == 1);
        assertThat(stub.sentTo(chatId).getFirst().text()).contains("not connected");
        Awaitility.await("only the update with the right secret is handled").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> stub.sentTo(chatId).size() == 1);

        ApiClient api = AppRunner.api(app);
        var user = api.newUser();
        var offer = api.post("/api/v1/telegram/link", "", user.token());
        assertThat(offer.status()).isEqualTo(201);
        long linkedChat = 9_100_002;
        assertThat(post(stub.textUpdateJson(linkedChat, "/start " + offer.json().get("token").asString()), SECRET)).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> stub.sentTo(linkedChat).size() == 1);
        assertThat(stub.sentTo(linkedChat).getFirst().text()).contains("Connected to " + user.email());
    }
}
