package dev.lightbox.coach.demo;

import dev.lightbox.jobs.JobsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** With {@code lightbox.demo=true} (LIGHTBOX_DEMO), seeds the demo library once the app is ready, off the main thread. */
@Component
class DemoStartup {

    private static final Logger log = LoggerFactory.getLogger(DemoStartup.class);

    private final DemoLibrary demo;
    private final boolean enabled;
    private final JobsProperties jobs;

    DemoStartup(DemoLibrary demo, @Value("${lightbox.demo:false}") boolean enabled, JobsProperties jobs) {
        this.demo = demo;
        this.enabled = enabled;
        this.jobs = jobs;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        if (!enabled || !jobs.role().servesUi()) return;
        Thread.ofPlatform().daemon().name("demo-library").start(() -> {
            try {
                demo.seed(DemoLibrary.Size.FULL);
            } catch (RuntimeException e) {
                log.warn("Demo library not created: {}", e.toString());
            }
        });
    }
}
