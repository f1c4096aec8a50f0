package dev.lightbox.telegram.service;

import dev.lightbox.account.service.AccountService;
import dev.lightbox.base.security.LightboxUser;
import dev.lightbox.skin.service.SkinMetric;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * What the bot does with one update, however it arrived (polling or webhook): commands, and photos from a
 * linked chat into the skin diary. A chat that is not linked gets instructions and nothing of it is stored.
 */
@Component
@Conditional(BotConfigured.class)
class BotConversation {

    private static final Logger log = LoggerFactory.getLogger(BotConversation.class);
    static final String METRIC_NAMES = Arrays.stream(SkinMetric.values()).map(SkinMetric::key).collect(Collectors.joining(", "));

    private final TelegramLinkService links;
    private final AccountService accounts;
    private final BotSender sender;
    private final PhotoIntake photos;
    private final SkinReplies skin;
    private final String settingsPage;

    BotConversation(TelegramLinkService links, AccountService accounts, BotSender sender, PhotoIntake photos, SkinReplies skin,
                    @Value("${lightbox.public-url:}") String publicUrl) {
        this.links = links;
        this.accounts = accounts;
        this.sender = sender;
        this.photos = photos;
        this.skin = skin;
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.settingsPage = base.isBlank() ? "Settings → Connect Telegram in Lightbox" : "Settings → Connect Telegram at " + base + "/settings";
    }

    void handle(Update update) {
        Message message = update.getMessage();
        if (message == null || message.getChat() == null) return;
        long chatId = message.getChatId();
        try {
            converse(chatId, message);
        } catch (RuntimeException e) {
            log.warn("Telegram: update {} could not be handled: {}", update.getUpdateId(), e.toString());
            sender.text(chatId, "Something went wrong on the server while handling that. Please try again in a little while.");
        }
    }

    private void converse(long chatId, Message message) {
        @Nullable String text = message.getText();
        Command command = text == null ? null : Command.parse(text);
        if (command != null && command.name().equals("start") && !command.argument().isEmpty()) {
            start(chatId, command.argument(), message);
            return;
        }
        Optional<UUID> owner = links.ownerOf(chatId);
        if (owner.isEmpty()) {
            sender.text(chatId, "Hi! This chat is not connected to a Lightbox account yet, so I keep nothing you send here.\n"
                    + "To connect it, open " + settingsPage + " and follow the link from there.");
            return;
        }
        UUID userId = owner.get();
        if (command != null) {
            switch (command.name()) {
                case "stop" -> {
                    links.unlinkChat(chatId);
                    sender.text(chatId, "Disconnected. I will not take photos from this chat any more; connect again from " + settingsPage + ".");
                }
                case "last" -> skin.last(chatId, userId);
                case "trend" -> trend(chatId, userId, command.argument());
                case "start" -> sender.text(chatId, "This chat is connected already. " + help());
                default -> sender.text(chatId, help());
            }
            return;
        }
        if ((message.getPhoto() != null && !message.getPhoto().isEmpty()) || message.getDocument() != null) {
            photos.accept(chatId, userId, message);
            return;
        }
        sender.text(chatId, help());
    }

    private void start(long chatId, String token, Message message) {
        @Nullable String username = message.getFrom() == null ? null : message.getFrom().getUserName();
        Optional<UUID> linked = links.linkChat(token, chatId, username);
        if (linked.isEmpty()) {
            sender.text(chatId, "That link has expired or was used already. Open " + settingsPage + " for a new one (each works once, for 15 minutes).");
            return;
        }
        String email = accounts.findById(linked.get()).map(LightboxUser::email).orElse("your account");
        sender.text(chatId, "Connected to " + email + ". Send me a selfie (as a photo or as a file) whenever you like and I will reply with "
                + "your skin metrics and how they changed. " + help());
    }

    private void trend(long chatId, UUID userId, String argument) {
        String key = argument.isBlank() ? SkinMetric.REDNESS.key() : argument.strip();
        Optional<SkinMetric> metric = SkinMetric.of(key);
        if (metric.isEmpty()) {
            sender.text(chatId, "I do not know the metric “" + shorten(key) + "”. Try one of: " + METRIC_NAMES + ".");
            return;
        }
        skin.trend(chatId, userId, metric.get());
    }

    static String help() {
        return "Commands: /last — your latest check-in; /trend <metric> — a chart (" + METRIC_NAMES
                + "); /stop — disconnect this chat; /help — this text. Photos: send a well-lit selfie, face to the camera.";
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /** {@code /name argument}, also {@code /name@botname argument} as sent in groups. */
    record Command(String name, String argument) {
        static @Nullable Command parse(String text) {
            String trimmed = text.strip();
            if (!trimmed.startsWith("/")) return null;
            int space = trimmed.indexOf(' ');
            String head = space < 0 ? trimmed.substring(1) : trimmed.substring(1, space);
            int at = head.indexOf('@');
            if (at >= 0) head = head.substring(0, at);
            return new Command(head.toLowerCase(Locale.ROOT), space < 0 ? "" : trimmed.substring(space + 1).strip());
        }
    }
}
