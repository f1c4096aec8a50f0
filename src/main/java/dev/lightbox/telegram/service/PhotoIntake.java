package dev.lightbox.telegram.service;

import dev.lightbox.library.service.UploadRejectedException;
import dev.lightbox.skin.service.CheckinSource;
import dev.lightbox.skin.service.CheckinStarted;
import dev.lightbox.skin.service.SkinDiaryService;
import dev.lightbox.telegram.service.BotApi.BotApiException;
import dev.lightbox.telegram.service.BotApi.FileTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.objects.Document;
import org.telegram.telegrambots.meta.api.objects.File;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;

/**
 * A photo (its largest size) or a file from a linked chat → a skin diary check-in through the same upload path
 * as the web, with its checks, limits and dedupe. Refusals are replied with the reason; a file over Telegram's
 * 20 MB bot download limit is refused without trying to download it.
 */
@Component
@Conditional(BotConfigured.class)
class PhotoIntake {

    private static final Logger log = LoggerFactory.getLogger(PhotoIntake.class);
    static final Duration ACK_AFTER = Duration.ofMillis(1500);
    static final String TOO_LARGE = "That file is larger than 20 MB, the most Telegram lets a bot download, so I could not fetch it. "
            + "Send it as a photo (Telegram makes it smaller) or as a smaller file.";

    private final BotApi api;
    private final BotSender sender;
    private final SkinDiaryService diary;
    private final SkinReplies replies;
    private final Clock clock;

    PhotoIntake(BotApi api, BotSender sender, SkinDiaryService diary, SkinReplies replies, Clock clock) {
        this.api = api;
        this.sender = sender;
        this.diary = diary;
        this.replies = replies;
        this.clock = clock;
    }

    private record Incoming(String fileId, @Nullable Long size, String name) {
    }

    void accept(long chatId, UUID owner, Message message) {
        Incoming incoming = incoming(message);
        if (incoming.size() != null && incoming.size() > BotApi.MAX_DOWNLOAD_BYTES) {
            sender.text(chatId, TOO_LARGE);
            return;
        }
        CheckinStarted started;
        Instant uploadStarted = clock.instant();
        try {
            File file = api.file(incoming.fileId());
            if ((file.getFileSize() != null && file.getFileSize() > BotApi.MAX_DOWNLOAD_BYTES) || file.getFilePath() == null) {
                sender.text(chatId, TOO_LARGE);
                return;
            }
            try (InputStream in = api.download(file.getFilePath())) {
                started = diary.upload(owner, incoming.name(), in, CheckinSource.BOT);
            }
        } catch (FileTooLargeException e) {
            sender.text(chatId, TOO_LARGE);
            return;
        } catch (UploadRejectedException e) {
            sender.text(chatId, "I could not use that file: " + e.getMessage());
            return;
        } catch (BotApiException | IOException e) {
            String text = String.valueOf(e.getMessage());
            if (text.toLowerCase(Locale.ROOT).contains("file is too big")) {
                sender.text(chatId, TOO_LARGE);
                return;
            }
            log.warn("Telegram: a photo could not be fetched: {}", api.redactor().scrub(text));
            sender.text(chatId, "I could not fetch that file from Telegram. Please send it again.");
            return;
        }
        if (replies.replyIfAlreadyFinished(chatId, owner, started.photoId(), uploadStarted)) return;
        // Only a slow analysis gets a "Got it": sent at once, it would hold the answer back by the per-chat second.
        UUID photoId = started.photoId();
        sender.textLater(chatId, ACK_AFTER, () -> diary.find(owner, photoId).map(checkin -> !checkin.status().finished()).orElse(false),
                "Got it — measuring your skin now. I will reply with the results in a moment.");
    }

    private static Incoming incoming(Message message) {
        if (message.getPhoto() != null && !message.getPhoto().isEmpty()) {
            PhotoSize largest = message.getPhoto().stream()
                    .max(Comparator.comparingLong((PhotoSize p) -> (long) nonNull(p.getWidth()) * nonNull(p.getHeight()))
                            .thenComparingLong(p -> nonNull(p.getFileSize())))
                    .orElseThrow();
            return new Incoming(largest.getFileId(), largest.getFileSize() == null ? null : largest.getFileSize().longValue(),
                    "telegram-" + largest.getFileUniqueId() + ".jpg");
        }
        Document document = message.getDocument();
        String name = document.getFileName() != null ? document.getFileName() : "telegram-" + document.getFileUniqueId();
        return new Incoming(document.getFileId(), document.getFileSize(), name);
    }

    private static long nonNull(@Nullable Integer value) {
        return value == null ? 0 : value;
    }
}
