package dev.lightbox.training.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.flow.server.Command;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The run page's refresh on job events: the database read runs on the page's own executor, never on the
 * thread that delivers the event (the job-event listener thread, which must only dispatch); requests made
 * while a read runs fold into one more read, applied in order.
 */
class RefresherTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("page-work").factory());

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void loadsOffTheCallersThreadAndAppliesInsideAccess() {
        var loadedOn = new CopyOnWriteArrayList<String>();
        var applied = new CopyOnWriteArrayList<Integer>();
        var accessed = new AtomicInteger();
        var count = new AtomicInteger();
        Consumer<Command> access = command -> {
            accessed.incrementAndGet();
            command.execute();
        };
        var refresher = new Refresher<>(executor, () -> {
            loadedOn.add(Thread.currentThread().getName());
            return count.incrementAndGet();
        }, access, applied::add);

        refresher.request();

        await().atMost(Duration.ofSeconds(5)).until(() -> applied.size() == 1);
        assertThat(loadedOn).containsExactly("page-work");
        assertThat(accessed).hasValue(1);
    }

    @Test
    void requestsDuringALoadFoldIntoOneMoreLoad() throws Exception {
        var release = new CountDownLatch(1);
        var started = new CountDownLatch(1);
        var count = new AtomicInteger();
        var applied = new CopyOnWriteArrayList<Integer>();
        var refresher = new Refresher<>(executor, () -> {
            int n = count.incrementAndGet();
            if (n == 1) {
                started.countDown();
                hold(release);
            }
            return n;
        }, Command::execute, applied::add);

        refresher.request();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 10; i++) refresher.request();
        release.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> applied.size() == 2);
        assertThat(applied).isEqualTo(List.of(1, 2));
        assertThat(count).as("ten requests during the first load: one more load").hasValue(2);
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
