package dev.lightbox.support;

import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobHandler;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Job handlers that exist only in tests: they count their runs and can fail or run until cancelled. */
@TestConfiguration(proxyBeanMethods = false)
public class TestJobHandlers {

    /** Runs per job id, across attempts. */
    public static final Map<UUID, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    private static int number(Map<String, Object> payload, String key, int fallback) {
        Object value = payload.get(key);
        return value instanceof Number n ? n.intValue() : fallback;
    }

    private static void count(JobContext context) {
        RUNS.computeIfAbsent(context.jobId(), id -> new AtomicInteger()).incrementAndGet();
    }

    /** Reports {@code steps} steps of {@code sleepMs} each, then succeeds with {"steps": n}. */
    static JobHandler steps(String type) {
        return new JobHandler() {
            public String type() { return type; }
            public void run(JobContext context) throws Exception {
                count(context);
                int steps = number(context.payload(), "steps", 1);
                int sleep = number(context.payload(), "sleepMs", 0);
                for (int i = 0; i < steps; i++) {
                    context.progress((double) i / steps, "step " + (i + 1), "working on step " + (i + 1) + " of " + steps);
                    if (sleep > 0) Thread.sleep(sleep);
                }
                context.progress(1, "done", null);
                context.result(Map.of("steps", steps));
            }
        };
    }

    @Bean
    JobHandler testStepsCpu() {
        return steps("test.steps");
    }

    @Bean
    JobHandler testStepsGpu() {
        return steps("test.gpu-steps");
    }

    /** Fails its first {@code failures} attempts, then succeeds. */
    @Bean
    JobHandler testFlaky() {
        return new JobHandler() {
            public String type() { return "test.flaky"; }
            public void run(JobContext context) {
                count(context);
                if (context.attempt() <= number(context.payload(), "failures", 0)) {
                    throw new IllegalStateException("planned failure " + context.attempt());
                }
            }
        };
    }
}
