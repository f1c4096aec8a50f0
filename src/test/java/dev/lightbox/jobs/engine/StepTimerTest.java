package dev.lightbox.jobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.jobs.domain.JobRepository.StepTime;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StepTimerTest {

    private static final long MS = 1_000_000;

    @Test
    void eachStepLastsUntilTheNextAndTheLastUntilTheEnd() {
        var now = new AtomicLong(0);
        var timer = new StepTimer(now::get);
        now.set(50 * MS); // before the first report: no step's
        timer.enter("decode");
        now.set(170 * MS);
        timer.enter("model");
        now.set(1170 * MS);
        timer.enter("decode"); // entered again: adds up
        now.set(1200 * MS);
        assertThat(timer.finish()).containsExactly(new StepTime("decode", 150), new StepTime("model", 1000));
    }

    @Test
    void anAttemptWithoutReportsHasNoSteps() {
        assertThat(new StepTimer(System::nanoTime).finish()).isEmpty();
    }
}
