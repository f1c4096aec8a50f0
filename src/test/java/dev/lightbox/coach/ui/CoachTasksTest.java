package dev.lightbox.coach.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The coach's answers run on their own bounded executor: when it is full the page gets "busy", nothing queues. */
class CoachTasksTest {

    @Test
    void atMostConcurrentAnswersRunAndAFullExecutorRefuses() {
        try (var tasks = new CoachTasks()) {
            var release = new CountDownLatch(1);
            var running = new AtomicInteger();
            for (int i = 0; i < CoachTasks.CONCURRENT; i++) {
                assertThat(tasks.tryRun(() -> {
                    running.incrementAndGet();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })).isTrue();
            }
            await().until(() -> running.get() == CoachTasks.CONCURRENT);
            var ranAnyway = new AtomicInteger();
            assertThat(tasks.tryRun(ranAnyway::incrementAndGet)).isFalse();

            release.countDown();
            var later = new CountDownLatch(1);
            await().until(() -> tasks.tryRun(later::countDown));
            await().until(() -> later.getCount() == 0);
            assertThat(ranAnyway.get()).isZero();
        }
    }
}
