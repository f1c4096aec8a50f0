package dev.lightbox.telegram.service;

import dev.lightbox.skin.service.Checkin;
import dev.lightbox.skin.service.CheckinSource;
import dev.lightbox.skin.service.CheckinStatus;
import dev.lightbox.skin.service.SkinCheckinFinished;
import dev.lightbox.skin.service.SkinDiaryService;
import dev.lightbox.skin.service.SkinMetric;
import dev.lightbox.skin.service.SkinTrend;
import dev.lightbox.skin.service.SkinValues;
import dev.lightbox.skin.service.SkinWording;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The bot's answers about the skin diary: the reply when a bot check-in's analysis finishes (every metric with
 * its value and the change since the previous check-in, then the annotated face crop), {@code /last} and {@code /trend}.
 */
@Component
@Conditional(BotConfigured.class)
class SkinReplies {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);
    /** Telegram's limit for a photo's caption. */
    private static final int MAX_CAPTION = 1024;

    private final SkinDiaryService diary;
    private final TelegramLinkService links;
    private final BotSender sender;
    private final Clock clock;

    SkinReplies(SkinDiaryService diary, TelegramLinkService links, BotSender sender, Clock clock) {
        this.diary = diary;
        this.links = links;
        this.sender = sender;
        this.clock = clock;
    }

    @EventListener
    void onFinished(SkinCheckinFinished finished) {
        if (finished.source() != CheckinSource.BOT) return;
        links.chatOf(finished.ownerId()).ifPresent(chatId ->
                diary.find(finished.ownerId(), finished.photoId()).ifPresent(checkin -> answer(chatId, finished.ownerId(), checkin)));
    }

    /**
     * A photo sent again that was in the diary before {@code uploadStarted} and is measured already gets its answer
     * now: no job will finish for it. (A check-in made by this upload is answered when its job finishes.)
     */
    boolean replyIfAlreadyFinished(long chatId, UUID owner, UUID photoId, Instant uploadStarted) {
        Optional<Checkin> done = diary.find(owner, photoId)
                .filter(checkin -> checkin.status().finished() && checkin.addedAt().isBefore(uploadStarted));
        done.ifPresent(checkin -> answer(chatId, owner, checkin));
        return done.isPresent();
    }

    void last(long chatId, UUID owner) {
        var page = diary.checkins(owner, null, 1);
        if (page.items().isEmpty()) {
            sender.text(chatId, "Your skin diary is empty. Send me a selfie to start it.");
            return;
        }
        answer(chatId, owner, page.items().getFirst());
    }

    void trend(long chatId, UUID owner, SkinMetric metric) {
        SkinTrend trend = diary.trend(owner, metric, null, null, null);
        if (trend.points().isEmpty()) {
            sender.text(chatId, "No measured check-ins yet, so there is no " + metric.key() + " trend to draw. Send me a selfie.");
            return;
        }
        String caption = metric.title() + " over " + trend.points().size() + (trend.points().size() == 1 ? " check-in" : " check-ins");
        SkinTrend.Change change = trend.change();
        if (change != null) {
            var first = trend.points().getFirst();
            caption += ". " + SkinWording.change(metric, null, change.first(), trend.points().getLast().value(),
                    SkinWording.since(first.takenAt().toLocalDate(), LocalDate.now(clock)));
        }
        sender.photo(chatId, TrendChart.png(trend), "trend-" + metric.key() + ".png", caption);
    }

    private void answer(long chatId, UUID owner, Checkin checkin) {
        String when = checkin.takenAt().format(WHEN);
        switch (checkin.status()) {
            case PENDING -> sender.text(chatId, "Your check-in of " + when + " is still being measured.");
            case DONE -> {
                String text = measured(owner, checkin, when);
                Optional<byte[]> crop = diary.crop(owner, checkin.photoId(), true);
                if (crop.isPresent() && text.length() <= MAX_CAPTION) {
                    sender.photo(chatId, crop.get(), "skin-" + checkin.photoId() + ".jpg", text); // one message: the crop, captioned
                } else {
                    sender.text(chatId, text);
                    crop.ifPresent(jpeg -> sender.photo(chatId, jpeg, "skin-" + checkin.photoId() + ".jpg", "The regions measured."));
                }
            }
            case NO_FACE, FACE_TOO_SMALL, FAILED -> sender.text(chatId, refused(checkin, when));
        }
    }

    private String measured(UUID owner, Checkin checkin, String when) {
        SkinValues now = checkin.metrics();
        if (now == null) return "Your check-in of " + when + " was measured, but its figures are missing.";
        @Nullable SkinValues before = diary.previous(owner, checkin.photoId()).map(Checkin::metrics).orElse(null);
        var text = new StringBuilder("Your skin on " + when + ":");
        for (SkinMetric metric : SkinMetric.values()) {
            text.append("\n• ").append(metric.title()).append(": ").append(SkinWording.value(metric, now.get(metric)));
            if (before != null) {
                text.append(" — ").append(SkinWording.change(metric, null, before.get(metric), now.get(metric), SkinWording.SINCE_PREVIOUS));
            }
        }
        if (before == null) text.append("\nThis is your first measured check-in: the next one will show the changes.");
        return text.toString();
    }

    private static String refused(Checkin checkin, String when) {
        String reason = checkin.reason() != null ? checkin.reason() : switch (checkin.status()) {
            case NO_FACE -> "I could not find a face in it.";
            case FACE_TOO_SMALL -> "The face is too small in the picture.";
            default -> "The analysis failed.";
        };
        String advice = checkin.status() == CheckinStatus.FAILED ? "" : " Try a well-lit selfie, face to the camera, filling most of the picture.";
        return "I could not measure your check-in of " + when + ": " + reason + advice;
    }
}
