package dev.lightbox.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.lightbox.skin.service.SkinMetric;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.AppRunner;
import dev.lightbox.support.Browser;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The bot in polling mode, the whole app against {@link BotApiStub} through TelegramBots' real client: linking,
 * unlinked chats, photo intake and refusals, the per-chat send limit, the offset across a restart, and the token
 * kept out of the log.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TelegramBotTest {

    static final String TOKEN = "123456789:AAE-lightbox-test-token_x9F2kLmNq";
    private static final AtomicLong CHATS = new AtomicLong(7_000_000);
    private static BotApiStub stub;
    private static Path dataDir;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() throws Exception {
        stub = new BotApiStub(TOKEN);
        dataDir = IntegrationTest.newDataDir("telegram");
        app = startApp();
    }

    private static ConfigurableApplicationContext startApp() {
        return AppRunner.start(dataDir, "lightbox.telegram.bot-token=" + TOKEN, "lightbox.telegram.api-url=" + stub.url(),
                "lightbox.telegram.poll-timeout=1s", "lightbox.public-url=https://photos.example.test");
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        if (stub != null) stub.close();
    }

    private static ApiClient api() {
        return AppRunner.api(app);
    }

    private static JdbcClient sql() {
        return app.getBean(JdbcClient.class);
    }

    private record Linked(ApiClient.User user, long chatId) {
    }

    private static Linked linkedChat() {
        var user = api().newUser();
        long chatId = CHATS.incrementAndGet();
        var offer = api().post("/api/v1/telegram/link", "", user.token());
        assertThat(offer.status()).as(offer.body()).isEqualTo(201);
        stub.queueText(chatId, "/start " + offer.json().get("token").asString());
        awaitSent(chatId, 1);
        assertThat(stub.sentTo(chatId).getFirst().text()).contains("Connected to " + user.email());
        return new Linked(user, chatId);
    }

    private static List<BotApiStub.Sent> awaitSent(long chatId, int count) {
        return Awaitility.await("the bot sends " + count + " message(s) to chat " + chatId).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50)).until(() -> stub.sentTo(chatId), sent -> sent.size() >= count);
    }

    @Test
    @Order(1)
    void aLinkFromTheSettingsConnectsTheChatOnceAndUnlinkingDisconnectsIt() {
        var user = api().newUser();
        assertThat(api().get("/api/v1/telegram", user.token()).json().get("linked").asBoolean()).isFalse();

        var offer = api().post("/api/v1/telegram/link", "", user.token());
        assertThat(offer.status()).isEqualTo(201);
        String token = offer.json().get("token").asString();
        assertThat(token).matches("[A-Za-z0-9_-]{1,64}");
        assertThat(offer.json().get("url").asString()).isEqualTo("https://t.me/" + BotApiStub.BOT_USERNAME + "?start=" + token);
        Instant expiresAt = Instant.parse(offer.json().get("expiresAt").asString());
        assertThat(expiresAt).isBetween(Instant.now().plus(Duration.ofMinutes(14)), Instant.now().plus(Duration.ofMinutes(16)));
        assertThat(sql().sql("select count(*) from telegram_link_tokens where token_hash = ?").param(token).query(Long.class).single())
                .as("the token is stored hashed").isZero();

        long chatId = CHATS.incrementAndGet();
        stub.queueText(chatId, "/start " + token);
        assertThat(awaitSent(chatId, 1).getFirst().text()).contains("Connected to " + user.email());
        var status = api().get("/api/v1/telegram", user.token()).json();
        assertThat(status.get("linked").asBoolean()).isTrue();
        assertThat(status.get("username").asString()).isEqualTo("tester" + chatId % 1000);

        long otherChat = CHATS.incrementAndGet();
        stub.queueText(otherChat, "/start " + token);
        assertThat(awaitSent(otherChat, 1).getFirst().text()).as("a link works once").contains("expired or was used");

        stub.queueText(chatId, "/stop");
        assertThat(awaitSent(chatId, 2).get(1).text()).contains("Disconnected");
        assertThat(api().get("/api/v1/telegram", user.token()).json().get("linked").asBoolean()).isFalse();

        var again = linkedChat();
        assertThat(api().delete("/api/v1/telegram", again.user().token()).status()).isEqualTo(204);
        assertThat(api().get("/api/v1/telegram", again.user().token()).json().get("linked").asBoolean()).isFalse();
        assertThat(api().get("/api/v1/telegram", null).status()).as("linking needs a login").isEqualTo(401);
    }

    @Test
    @Order(2)
    void anUnlinkedChatGetsInstructionsAndNothingOfItIsStored() throws Exception {
        long chatId = CHATS.incrementAndGet();
        long photosBefore = sql().sql("select count(*) from photos").query(Long.class).single();
        int downloadsBefore = stub.downloads().size();
        stub.queuePhoto(chatId, Files.readAllBytes(TestImages.GRACE_HOPPER), 512, 512);
        stub.queueText(chatId, "/last");

        var replies = awaitSent(chatId, 2);
        assertThat(replies).allSatisfy(reply -> assertThat(reply.text()).contains("not connected").contains("https://photos.example.test/settings"));
        assertThat(stub.downloads()).as("the photo is not even fetched").hasSize(downloadsBefore);
        assertThat(sql().sql("select count(*) from photos").query(Long.class).single()).isEqualTo(photosBefore);
    }

    @Test
    @Order(3)
    void aPhotoFromALinkedChatBecomesACheckinAndTheReplyNamesEveryMetricWithTheAnnotatedCrop() throws Exception {
        var linked = linkedChat();
        long chatId = linked.chatId();
        stub.queuePhoto(chatId, Files.readAllBytes(TestImages.GRACE_HOPPER), 512, 512);

        var reply = awaitPhoto(chatId, 1); // a "Got it" comes first only when the analysis takes a while
        assertThat(reply.photo()).as("the annotated crop").startsWith((byte) 0xFF, (byte) 0xD8);
        for (SkinMetric metric : SkinMetric.values()) assertThat(reply.text()).contains(metric.title() + ": ");
        assertThat(reply.text()).contains("first measured check-in");
        var diary = api().get("/api/v1/skin/checkins", linked.user().token());
        assertThat(diary.status()).as(diary.body()).isEqualTo(200);
        var checkins = diary.json().get("items");
        assertThat(checkins.size()).isEqualTo(1);
        assertThat(checkins.get(0).get("status").asString()).isEqualTo("done");
        assertThat(checkins.get(0).get("source").asString()).isEqualTo("bot");

        stub.queuePhoto(chatId, TestImages.uniqueCopy(TestImages.read(TestImages.GRACE_HOPPER)), 512, 512);
        var second = awaitPhoto(chatId, 2);
        for (SkinMetric metric : SkinMetric.values()) assertThat(second.text()).contains(metric.title() + ": ");
        assertThat(second.text()).contains("since the previous check-in");

        stub.queuePhoto(chatId, Files.readAllBytes(TestImages.GRACE_HOPPER), 512, 512);
        var resent = awaitPhoto(chatId, 3);
        assertThat(resent.text()).as("a photo sent again is answered from its check-in").contains(SkinMetric.REDNESS.title() + ": ");

        stub.queueText(chatId, "/last");
        assertThat(awaitPhoto(chatId, 4).text()).contains(SkinMetric.SHINE.title() + ": ");

        stub.queueText(chatId, "/trend redness");
        var chart = awaitPhoto(chatId, 5);
        assertThat(chart.photo()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(chart.text()).contains("Redness over 2 check-ins");
        int before = stub.sentTo(chatId).size();
        stub.queueText(chatId, "/trend sparkle");
        assertThat(awaitSent(chatId, before + 1).get(before).text()).contains("sparkle").contains("redness, blemishes");
        assertThat(api().get("/api/v1/skin/checkins", linked.user().token()).json().get("items").size()).isEqualTo(2);
        assertThat(stub.sentTo(chatId).stream().filter(sent -> sent.text().startsWith("Got it")).count())
                .as("at most one acknowledgement per new photo").isLessThanOrEqualTo(2);
    }

    private static BotApiStub.Sent awaitPhoto(long chatId, int nth) {
        return Awaitility.await("photo " + nth + " to chat " + chatId).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> stub.sentTo(chatId).stream().filter(BotApiStub.Sent::isPhoto).toList(), photos -> photos.size() >= nth)
                .get(nth - 1);
    }

    @Test
    @Order(4)
    void refusedFilesAreAnsweredWithTheReasonAndOver20MegabytesIsNotDownloaded() {
        var linked = linkedChat();
        long chatId = linked.chatId();
        stub.queueDocument(chatId, "notes.txt", "text/plain", "just some words, no picture".getBytes(StandardCharsets.UTF_8), 27);
        assertThat(awaitSent(chatId, 2).get(1).text()).startsWith("I could not use that file:").containsIgnoringCase("not an image");

        int downloadsBefore = stub.downloads().size();
        int getFilesBefore = stub.calls("getFile").size();
        stub.queueDocument(chatId, "huge.jpg", "image/jpeg", new byte[16], 25L * 1024 * 1024);
        assertThat(awaitSent(chatId, 3).get(2).text()).contains("larger than 20 MB");
        assertThat(stub.downloads()).hasSize(downloadsBefore);
        assertThat(stub.calls("getFile")).hasSize(getFilesBefore);
        var diary = api().get("/api/v1/skin/checkins", linked.user().token());
        assertThat(diary.status()).as(diary.body()).isEqualTo(200);
        assertThat(diary.json().get("items").size()).isZero();
    }

    @Test
    @Order(5)
    void aChatGetsAtMostOneMessagePerSecond() {
        var linked = linkedChat();
        long chatId = linked.chatId();
        for (int i = 0; i < 3; i++) stub.queueText(chatId, "/help");
        var sent = awaitSent(chatId, 4);
        for (int i = 2; i < 4; i++) {
            long gap = sent.get(i).atNanos() - sent.get(i - 1).atNanos();
            assertThat(Duration.ofNanos(gap)).as("gap before message " + i).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
    }

    @Test
    @Order(6)
    void theWebhookIsOffInPollingMode() {
        var response = api().post("/api/v1/telegram/webhook", stub.textUpdateJson(CHATS.incrementAndGet(), "/help"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).contains("application/problem+json");
    }

    @Test
    @Order(7)
    void theBotTokenNeverReachesTheLog(CapturedOutput output) {
        var linked = linkedChat();
        stub.failNextGetUpdates(2);
        stub.queueDocument(linked.chatId(), "notes.txt", "text/plain", "words".getBytes(StandardCharsets.UTF_8), 5);
        stub.queueVanishedDocument(linked.chatId());
        assertThat(awaitSent(linked.chatId(), 3).get(2).text()).contains("could not fetch that file");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> output.getOut().contains("getUpdates failed")
                && output.getOut().contains("a photo could not be fetched"));
        String secretPart = TOKEN.substring(TOKEN.indexOf(':') + 1);
        assertThat(output.getAll()).doesNotContain(secretPart);
    }

    /**
     * Telegram forgets an update once getUpdates asks past it; if that confirmation is lost (a crash right after
     * handling), it sends the update again. The stub plays that: it keeps every update; only the offset the app
     * stored keeps the restarted app from answering old messages again.
     */
    @Test
    @Order(8)
    void connectTelegramOnTheSettingsPageShowsTheLinkAndItsQrCodeAndFollowsTheChat() {
        var user = api().newUser();
        try (Browser browser = Browser.launch()) {
            BrowserContext context = browser.newContext(390, 844); // phone width
            Page page = context.newPage();
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            page.navigate(base + "/login");
            page.locator("vaadin-login-form input[name='username']").fill(user.email());
            page.locator("vaadin-login-form input[name='password']").fill(ApiClient.USER_PASSWORD);
            page.locator("vaadin-login-form input[name='password']").press("Enter");
            PlaywrightAssertions.assertThat(page.locator("#timeline-view")).isVisible();
            page.navigate(base + "/settings");
            page.evaluate("() => document.documentElement.setAttribute('theme', 'dark')");

            page.locator("#telegram-connect").click();
            Locator link = page.locator("#telegram-link");
            PlaywrightAssertions.assertThat(link).hasAttribute("href",
                    java.util.regex.Pattern.compile("^https://t\\.me/" + BotApiStub.BOT_USERNAME + "\\?start=[A-Za-z0-9_-]{1,64}$"));
            PlaywrightAssertions.assertThat(page.locator("#telegram-qr")).hasAttribute("src", java.util.regex.Pattern.compile("^data:image/png;base64,"));
            page.waitForFunction("() => document.querySelector('#telegram-qr').naturalWidth > 0");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "telegram-connect-phone-dark.png")));

            String token = link.getAttribute("href").substring(link.getAttribute("href").indexOf("start=") + "start=".length());
            long chatId = CHATS.incrementAndGet();
            stub.queueText(chatId, "/start " + token);
            assertThat(awaitSent(chatId, 1).getFirst().text()).contains("Connected to " + user.email());

            page.reload();
            PlaywrightAssertions.assertThat(page.locator("#telegram-status")).containsText("Connected to Telegram user @tester" + chatId % 1000);
            page.locator("#telegram-disconnect").click();
            PlaywrightAssertions.assertThat(page.locator("#telegram-connect")).isVisible();
            assertThat(api().get("/api/v1/telegram", user.token()).json().get("linked").asBoolean()).isFalse();
        }
    }

    @Test
    @Order(100)
    void aRestartedAppDoesNotHandleOldUpdatesAgain() {
        var linked = linkedChat();
        long chatId = linked.chatId();
        stub.keepConfirmedUpdates(true);
        try {
            stub.queueText(chatId, "/help");
            awaitSent(chatId, 2);
            long lastId = stub.queueText(chatId, "/help");
            awaitSent(chatId, 3);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    sql().sql("select update_offset from telegram_state").query(Long.class).single() == lastId + 1);
            app.close();

            app = startApp();
            stub.queueText(chatId, "/help");
            awaitSent(chatId, 4);
            assertThat(stub.calls("getUpdates").getLast().fields().get("offset")).isEqualTo(String.valueOf(lastId + 2));
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> stub.sentTo(chatId).size() == 4);
        } finally {
            stub.keepConfirmedUpdates(false);
        }
    }
}
