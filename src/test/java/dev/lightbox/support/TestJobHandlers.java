package dev.lightbox.support;

import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobType;
import dev.lightbox.transform.pipeline.DepthEstimator;
import dev.lightbox.transform.pipeline.GenerateInput;
import dev.lightbox.transform.pipeline.Generator;
import dev.lightbox.transform.pipeline.InstalledModels;
import dev.lightbox.transform.pipeline.StyleInfo;
import dev.lightbox.transform.service.OnnxModelRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.opencv.opencv_core.Mat;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Job handlers that exist only in tests: they count their runs and can fail or run until cancelled. */
@TestConfiguration(proxyBeanMethods = false)
public class TestJobHandlers {

    /** Runs per job id, across attempts. */
    public static final Map<UUID, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    /** {@code steps} steps of {@code sleepMs} each; {@code holdClaim} marks the job for JobWorkersResilienceTest's claim trigger. */
    public record Steps(int steps, int sleepMs, @Nullable Boolean holdClaim) {
        public Steps(int steps, int sleepMs) {
            this(steps, sleepMs, null);
        }
    }

    /** Fails the first {@code failures} attempts. */
    public record Flaky(int failures) {
    }

    public static final JobType<Steps> STEPS = JobType.of("test.steps", "Test steps", JobQueue.CPU, Steps.class);
    public static final JobType<Steps> GPU_STEPS = JobType.of("test.gpu-steps", "Test steps on the GPU queue", JobQueue.GPU, Steps.class);
    /** A text to give back as the result; {@code note} may be left out. */
    public record Echo(String text, @Nullable String note) {
    }

    public static final JobType<Echo> ECHO = JobType.of("test.echo", "Test echo", JobQueue.CPU, Echo.class);
    public static final JobType<Flaky> FLAKY = JobType.of("test.flaky", "Test flaky", JobQueue.CPU, Flaky.class);
    /** Flaky too, used only by QueueAdminTest: clearing its failed jobs deletes no other test's rows. */
    public static final JobType<Flaky> FLAKY_TO_CLEAR = JobType.of("test.flaky-to-clear", "Test flaky, cleared", JobQueue.CPU, Flaky.class);

    private static void count(JobContext context) {
        RUNS.computeIfAbsent(context.jobId(), id -> new AtomicInteger()).incrementAndGet();
    }

    /** Reports {@code steps} steps of {@code sleepMs} each, then succeeds with {"steps": n}. */
    static JobHandler<Steps> steps(JobType<Steps> type) {
        return new JobHandler<>() {
            public JobType<Steps> type() { return type; }
            public void run(JobContext context, Steps payload) throws Exception {
                count(context);
                int steps = payload.steps();
                for (int i = 0; i < steps; i++) {
                    context.progress((double) i / steps, "step " + (i + 1), "working on step " + (i + 1) + " of " + steps);
                    if (payload.sleepMs() > 0) Thread.sleep(payload.sleepMs());
                }
                context.progress(1, "done", null);
                context.result(Map.of("steps", steps));
            }
        };
    }

    @Bean
    JobHandler<Steps> testStepsCpu() {
        return steps(STEPS);
    }

    @Bean
    JobHandler<Steps> testStepsGpu() {
        return steps(GPU_STEPS);
    }

    @Bean
    JobHandler<Echo> testEcho() {
        return new JobHandler<>() {
            public JobType<Echo> type() { return ECHO; }
            public void run(JobContext context, Echo payload) {
                count(context);
                context.result(Map.of("text", payload.text(), "noteLength", payload.note() == null ? -1 : payload.note().length()));
            }
        };
    }

    /** Fails its first {@code failures} attempts, then succeeds. */
    @Bean
    JobHandler<Flaky> testFlaky() {
        return flaky(FLAKY);
    }

    @Bean
    JobHandler<Flaky> testFlakyToClear() {
        return flaky(FLAKY_TO_CLEAR);
    }

    static JobHandler<Flaky> flaky(JobType<Flaky> type) {
        return new JobHandler<>() {
            public JobType<Flaky> type() { return type; }
            public void run(JobContext context, Flaky payload) {
                count(context);
                if (context.attempt() <= payload.failures()) {
                    throw new IllegalStateException("planned failure " + context.attempt());
                }
            }
        };
    }

    /**
     * The installed models plus {@code onnx:}{@value HeldGenerate#MODEL}, a generate step that waits inside until the test
     * releases it (listed nowhere): a cancel can land inside generate deterministically.
     */
    @Bean
    @Primary
    InstalledModels heldGenerateModels(OnnxModelRegistry registry) {
        return new InstalledModels() {
            public List<StyleInfo> styles() { return registry.styles(); }
            public Optional<DepthEstimator> depth() { return registry.depth(); }
            public Optional<Generator> generator(String modelName) {
                return HeldGenerate.MODEL.equals(modelName) ? Optional.of(HeldGenerate::generate) : registry.generator(modelName);
            }
        };
    }

    /** The held generate step: {@link #arm} before starting it, await {@link #entered}, then {@link #release}. */
    public static final class HeldGenerate {
        public static final String MODEL = "test-held";
        private static volatile CountDownLatch entered = new CountDownLatch(1);
        private static volatile CountDownLatch released = new CountDownLatch(1);

        private HeldGenerate() {
        }

        public static void arm() {
            entered = new CountDownLatch(1);
            released = new CountDownLatch(1);
        }

        public static boolean entered() {
            return entered.getCount() == 0;
        }

        public static void release() {
            released.countDown();
        }

        static Mat generate(GenerateInput input) throws InterruptedException {
            entered.countDown();
            if (!released.await(2, TimeUnit.MINUTES)) throw new IllegalStateException("the test never released the held generate step");
            return input.image().clone();
        }
    }
}
