package dev.lightbox.telegram.service;

import dev.lightbox.telegram.TelegramProperties;
import dev.lightbox.telegram.domain.TelegramPollLockRepository;
import dev.lightbox.telegram.domain.TelegramStateRepository;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.longpolling.util.ExponentialBackOff;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Polling mode: one node at a time (the one holding the advisory lock) long-polls getUpdates from the offset
 * kept in the database, handles each update and moves the offset past it, so a restarted or another node goes
 * on where this one stopped. The other nodes try for the lock every {@link #LOCK_RETRY}.
 */
@Component
@Conditional(BotConfigured.class)
class TelegramPoller implements SmartLifecycle {

    static final Duration LOCK_RETRY = Duration.ofSeconds(5);
    private static final Duration MAX_WAIT = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(TelegramPoller.class);

    private final TelegramProperties settings;
    private final BotApi api;
    private final BotConversation conversation;
    private final TelegramPollLockRepository lock;
    private final TelegramStateRepository state;
    private final Object pause = new Object();
    private volatile boolean running;
    private volatile boolean polling;
    private @Nullable Thread thread;

    TelegramPoller(TelegramProperties settings, BotApi api, BotConversation conversation, TelegramPollLockRepository lock,
                   TelegramStateRepository state) {
        this.settings = settings;
        this.api = api;
        this.conversation = conversation;
        this.lock = lock;
        this.state = state;
    }

    /** True while this node holds the lock and polls. */
    boolean isPolling() {
        return polling;
    }

    @Override
    public synchronized void start() {
        if (running || settings.mode() != TelegramProperties.Mode.POLLING) return;
        running = true;
        thread = Thread.ofPlatform().name("telegram-poller").daemon().start(this::run);
    }

    @Override
    public void stop() {
        Thread poller;
        synchronized (this) {
            running = false;
            poller = thread;
            thread = null;
        }
        synchronized (pause) {
            pause.notifyAll();
        }
        if (poller == null) return;
        poller.interrupt();
        try {
            poller.join(settings.pollTimeout().plusSeconds(20).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100; // after the web server and the job workers; stops before them
    }

    private void run() {
        var failures = new ExponentialBackOff();
        while (running) {
            try {
                var held = lock.tryLock();
                if (held.isEmpty()) {
                    waitFor(LOCK_RETRY);
                    continue;
                }
                try (var ignored = held.get()) {
                    polling = true;
                    log.info("Telegram: this node polls for updates");
                    pollWhileHeld(held.get(), failures);
                } finally {
                    polling = false;
                }
            } catch (RuntimeException e) {
                if (!running) return;
                Duration wait = Duration.ofMillis(Math.max(LOCK_RETRY.toMillis(), next(failures)));
                log.warn("Telegram: polling stops for {} s: {}", wait.toSeconds(), api.redactor().scrub(e.toString()));
                waitFor(wait);
            }
        }
    }

    private void pollWhileHeld(TelegramPollLockRepository.Held held, ExponentialBackOff backOff) {
        api.deleteWebhook(); // getUpdates answers 409 while a webhook is set
        while (running && held.stillHeld()) {
            List<Update> updates;
            try {
                updates = api.updates(state.offset(), settings.pollTimeout());
                backOff.reset();
            } catch (BotApi.BotApiException e) {
                if (!running) return;
                long wait = next(backOff);
                log.warn("Telegram: getUpdates failed, trying again in {} ms: {}", wait, e.getMessage());
                waitFor(Duration.ofMillis(wait));
                continue;
            }
            for (Update update : updates) {
                if (update.getUpdateId() == null) continue;
                if (update.getUpdateId() < state.offset()) continue; // another node had it (a lock lost and taken over)
                conversation.handle(update);
                state.advanceOffset(update.getUpdateId() + 1L);
            }
        }
    }

    /** 0.5 s growing to 60 s; the library's back-off says "stop" after 15 minutes, which here means "keep trying every minute". */
    private static long next(ExponentialBackOff backOff) {
        long wait = backOff.nextBackOffMillis();
        return wait < 0 ? MAX_WAIT.toMillis() : Math.min(wait, MAX_WAIT.toMillis());
    }

    private void waitFor(Duration duration) {
        synchronized (pause) {
            if (!running) return;
            try {
                pause.wait(Math.max(1, duration.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }
}
