package dev.lightbox.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.scoring.service.ScoringService;
import dev.lightbox.support.BudgetTest;
import dev.lightbox.support.ScoredPhotos;
import dev.lightbox.support.TestJobHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Re-scoring a library holds one connection at a time (no second one to stream from, none borrowed to
 * report progress), and at most one re-scoring per owner waits in the queue however often it is asked for.
 */
class RescoreBudgetTest extends BudgetTest {

    @Autowired JdbcClient jdbc;
    @Autowired JobService jobs;
    @Autowired ScoringService scoring;
    @Autowired ApplicationEventPublisher events;
    @Autowired ConfigurableApplicationContext context;

    @Test
    void aRescoreNeverHoldsTwoConnections() throws Exception {
        var api = api();
        String token = api.login(api.signUpNewUser(), USER_PASSWORD);
        UUID owner = UUID.fromString(api.get("/api/v1/auth/me", token).json().get("id").asString());
        ScoredPhotos.upload(api, token);
        awaitNoRescoreLeft(owner);
        counter().clear();

        UUID job = scoring.rescoreLibrary(owner);
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.find(owner, job).orElseThrow().status() == JobStatus.SUCCEEDED);

        assertThat(counter().executed(e -> "RescoreJob".equals(e.handler()) && e.sql().contains("score_inputs")))
                .as("the rescore read its inputs").isNotEmpty();
        assertThat(counter().nested(n -> "RescoreJob".equals(n.handler()))).as("connections borrowed while one was held").isEmpty();
        assertThat(storedScores(owner)).isEqualTo(5);
    }

    @Test
    void restartingTwiceQueuesOneRescorePerOwner() throws Exception {
        var api = api();
        String token = api.login(api.signUpNewUser(), USER_PASSWORD);
        UUID owner = UUID.fromString(api.get("/api/v1/auth/me", token).json().get("id").asString());
        ScoredPhotos.upload(api, token);
        awaitNoRescoreLeft(owner);

        // the only CPU worker is kept busy, so whatever is asked for now stays queued
        UUID blocker = jobs.enqueue(JobRequest.of(TestJobHandlers.STEPS, owner, new TestJobHandlers.Steps(600, 100)));
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.find(owner, blocker).orElseThrow().status() == JobStatus.RUNNING);
        jdbc.sql("delete from photo_scores where owner_id = :owner").param("owner", owner).update(); // as after a crash
        ready();
        ready();
        UUID asked = scoring.rescoreLibrary(owner);
        assertThat(queuedRescores(owner)).isEqualTo(1);
        assertThat(scoring.rescoreLibrary(owner)).isEqualTo(asked);

        jobs.cancel(owner, blocker);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedScores(owner) == 5);
        awaitNoRescoreLeft(owner);
        // once it has run, asking again queues a new one
        assertThat(scoring.rescoreLibrary(owner)).isNotEqualTo(asked);
    }

    private void ready() {
        events.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
    }

    private void awaitNoRescoreLeft(UUID owner) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                select count(*) from jobs where owner_id = :owner and type = 'scoring.rescore' and status in ('QUEUED', 'RUNNING')""")
                .param("owner", owner).query(Long.class).single() == 0);
    }

    private long queuedRescores(UUID owner) {
        return jdbc.sql("select count(*) from jobs where owner_id = :owner and type = 'scoring.rescore' and status = 'QUEUED'")
                .param("owner", owner).query(Long.class).single();
    }

    private long storedScores(UUID owner) {
        return jdbc.sql("select count(*) from photo_scores where owner_id = :owner").param("owner", owner).query(Long.class).single();
    }
}
