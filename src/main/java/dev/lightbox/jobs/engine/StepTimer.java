package dev.lightbox.jobs.engine;

import dev.lightbox.jobs.domain.JobRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Times the steps of one attempt: a step lasts from its first report until the next step's (or the attempt's end).
 * A step entered again (a loop of epochs, say) adds up. Time before the first report is no step's.
 */
final class StepTimer {

    private final LongSupplier nanoClock;
    private final Map<String, Long> nanosByStep = new LinkedHashMap<>();
    private @Nullable String current;
    private long enteredAt;

    StepTimer(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    synchronized void enter(String step) {
        long now = nanoClock.getAsLong();
        close(now);
        current = step;
        enteredAt = now;
    }

    /** Ends the current step and answers every step's time in milliseconds, in the order they were first entered. */
    synchronized List<JobRepository.StepTime> finish() {
        close(nanoClock.getAsLong());
        current = null;
        List<JobRepository.StepTime> times = new ArrayList<>(nanosByStep.size());
        nanosByStep.forEach((step, nanos) -> times.add(new JobRepository.StepTime(step, nanos / 1_000_000)));
        return times;
    }

    private void close(long now) {
        String step = current;
        if (step != null) nanosByStep.merge(step, Math.max(0, now - enteredAt), Long::sum);
    }
}
