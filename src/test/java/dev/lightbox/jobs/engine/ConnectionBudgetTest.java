package dev.lightbox.jobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.base.LightboxStartupException;
import dev.lightbox.jobs.JobsProperties;
import dev.lightbox.support.AppRunner;
import dev.lightbox.support.IntegrationTest;
import org.junit.jupiter.api.Test;

class ConnectionBudgetTest {

    private static JobsProperties props(JobsProperties.Role role, int cpu, int gpu) {
        return new JobsProperties(role, new JobsProperties.Jobs(cpu, gpu, null, null, null, null));
    }

    @Test
    void everyJobThreadTheProgressWriterTheListenerAndWebRequestsCount() {
        assertThat(ConnectionBudget.minimum(props(JobsProperties.Role.ALL, 4, 2))).isEqualTo(4 + 2 + 1 + 1 + ConnectionBudget.WEB_HEADROOM);
        assertThat(ConnectionBudget.minimum(props(JobsProperties.Role.WORKER, 16, 1))).isEqualTo(16 + 1 + 1 + 1 + ConnectionBudget.WEB_HEADROOM);
        assertThat(ConnectionBudget.minimum(props(JobsProperties.Role.WEB, 16, 1))).as("runs no jobs").isEqualTo(1 + ConnectionBudget.WEB_HEADROOM);
    }

    @Test
    void aPoolTooSmallForTheJobThreadsStopsStartupWithOneSentence() {
        assertThatThrownBy(() -> AppRunner.start(IntegrationTest.newDataDir("smallpool"),
                "lightbox.db.pool-size=6", "lightbox.jobs.cpu-threads=4", "lightbox.jobs.gpu-threads=1"))
                .satisfies(e -> {
                    LightboxStartupException cause = findCause(e);
                    assertThat(cause).as("a LightboxStartupException in " + e).isNotNull();
                    assertThat(cause.getMessage()).startsWith("LIGHTBOX_DB_POOL_SIZE is 6 but this node needs at least 10 connections")
                            .contains("4 cpu + 1 gpu job threads");
                    assertThat(cause.action()).contains("LIGHTBOX_DB_POOL_SIZE to 10");
                });
    }

    private static LightboxStartupException findCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LightboxStartupException startup) return startup;
        }
        return null;
    }
}
