package dev.lightbox.telegram.service;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the bot's messages off the caller's thread, in order per chat and at most one per {@link #SPACING} per
 * chat (Telegram's own limit for a chat; going faster gets 429s). A failed send is logged and does not hold up the next.
 */
public class BotSender implements AutoCloseable {

    static final Duration SPACING = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(BotSender.class);

    private final BotApi api;
    private final ExecutorService pool = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("telegram-send-", 0).daemon().factory());
    /** Per chat: the end of its queue, and the earliest time its next message may go. */
    private final Map<Long, ChatQueue> chats = new HashMap<>();

    private static final class ChatQueue {
        CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
        volatile long nextAllowedNanos = System.nanoTime();
    }

    public BotSender(BotApi api) {
        this.api = api;
    }

    public void text(long chatId, String text) {
        enqueue(chatId, () -> api.sendText(chatId, text));
    }

    /** Sends {@code text} after {@code delay} if {@code stillWanted} then says so (checked when the time comes). */
    public void textLater(long chatId, Duration delay, java.util.function.BooleanSupplier stillWanted, String text) {
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, pool).execute(() -> {
            try {
                if (stillWanted.getAsBoolean()) text(chatId, text);
            } catch (RuntimeException e) {
                log.warn("Telegram: a delayed message was dropped: {}", api.redactor().scrub(String.valueOf(e.getMessage())));
            }
        });
    }

    public void photo(long chatId, byte[] image, String fileName, @Nullable String caption) {
        enqueue(chatId, () -> api.sendPhoto(chatId, image, fileName, caption));
    }

    private synchronized void enqueue(long chatId, Runnable send) {
        ChatQueue chat = chats.computeIfAbsent(chatId, id -> new ChatQueue());
        // handle(): a send that could not even be scheduled must not stop the chat's later messages
        CompletableFuture<Void> next = chat.tail.handle((done, failed) -> (Void) null).thenCompose(done -> {
            long wait = Math.max(0, chat.nextAllowedNanos - System.nanoTime());
            Executor later = CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS, pool);
            return CompletableFuture.runAsync(() -> {
                try {
                    send.run();
                } catch (RuntimeException e) {
                    log.warn("Telegram: a message to a chat could not be sent: {}", api.redactor().scrub(String.valueOf(e.getMessage())));
                } finally {
                    chat.nextAllowedNanos = System.nanoTime() + SPACING.toNanos();
                }
            }, later);
        });
        chat.tail = next;
        var unused = next.whenComplete((ok, failed) -> forget(chatId, chat, next));
    }

    /** Drops an idle chat's entry once its spacing has passed, so the map does not grow with every chat ever seen. */
    private synchronized void forget(long chatId, ChatQueue chat, CompletableFuture<Void> finished) {
        if (chat.tail != finished) return;
        long wait = Math.max(0, chat.nextAllowedNanos - System.nanoTime());
        CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS, pool).execute(() -> {
            synchronized (this) {
                if (chat.tail == finished && chats.get(chatId) == chat) chats.remove(chatId);
            }
        });
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
