package dev.lightbox.jobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.jobs.JobView;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestJobHandlers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/** The workers' own races and failures: stopping mid-claim, and a database that goes away under a running job. */
@ExtendWith(OutputCaptureExtension.class)
class JobWorkersResilienceTest extends IntegrationTest {

    @Autowired JobService jobs;
    @Autowired JobWorkers workers;
    @Autowired JdbcTemplate jdbc;
    @Autowired HikariDataSource dataSource;

    private UUID owner() {
        var api = api();
        return UUID.fromString(api.get("/api/v1/auth/me", api.login(api.signUpNewUser(), USER_PASSWORD)).json().get("id").asString());
    }

    private JobView awaitFinished(UUID owner, UUID id) {
        return await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> jobs.find(owner, id).orElseThrow(), j -> j.status().finished());
    }

    @Test
    void stoppingWhileAClaimIsInFlightPutsTheClaimedJobBackInsteadOfCostingItsOnlyAttempt() throws Exception {
        UUID owner = owner();
        // holds the claim of a marked job inside its statement, after the job row is taken, until the test lets go
        jdbc.execute("""
                create or replace function test_hold_claim() returns trigger language plpgsql as $$
                begin
                    if exists (select 1 from jobs where id = new.job_id and payload ->> 'holdClaim' = 'true') then
                        perform pg_advisory_xact_lock_shared(4711);
                    end if;
                    return new;
                end $$""");
        jdbc.execute("create trigger test_hold_claim before insert on job_runs for each row execute function test_hold_claim()");
        try (Connection holder = dataSource.getConnection(); Statement lock = holder.createStatement()) {
            lock.execute("select pg_advisory_lock(4711)");
            UUID id = jobs.enqueue(JobRequest.of(TestJobHandlers.GPU_STEPS, owner, new TestJobHandlers.Steps(1, 0, true)).withMaxAttempts(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                    "select count(*) from pg_locks where locktype = 'advisory' and objid = 4711 and not granted", Integer.class) > 0);

            var stopping = CompletableFuture.runAsync(workers::stop);
            try {
                stopping.get(1, TimeUnit.SECONDS); // without waiting for the claim, stop is done by now
            } catch (TimeoutException waitingForTheClaim) {
                // as it should: stop waits for the claim in flight
            }
            lock.execute("select pg_advisory_unlock(4711)");
            stopping.get(30, TimeUnit.SECONDS);
            workers.start();

            JobView done = awaitFinished(owner, id);
            assertThat(done.status()).as(done.error()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(done.attempts()).isEqualTo(1);
        } finally {
            jdbc.execute("drop trigger if exists test_hold_claim on job_runs");
            jdbc.execute("drop function if exists test_hold_claim()");
            if (!workers.isRunning()) workers.start();
        }
    }

    @Test
    void aJobThatEndsWhileTheDatabaseIsDownStoresItsOutcomeWhenItIsBack(CapturedOutput output) throws Exception {
        UUID owner = owner();
        UUID id = jobs.enqueue(JobRequest.of(TestJobHandlers.STEPS, owner, new TestJobHandlers.Steps(1, 2000)));
        await().atMost(Duration.ofSeconds(20)).until(() -> jobs.find(owner, id).orElseThrow().status() == JobStatus.RUNNING);

        String adminUrl = dataSource.getJdbcUrl().replaceFirst("/postgres$", "/template1");
        try (Connection admin = DriverManager.getConnection(adminUrl, dataSource.getUsername(), dataSource.getPassword());
             Statement sql = admin.createStatement()) {
            sql.execute("alter database postgres allow_connections false");
            try {
                sql.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = 'postgres'");
                // the job ends meanwhile and fails to store its outcome (handled: a warning; unhandled: the thread dies)
                await().atMost(Duration.ofSeconds(20)).until(() -> output.getAll().contains("Job " + id + " (test.steps) ended")
                        || output.getAll().contains("Exception in thread \"job-cpu"));
            } finally {
                sql.execute("alter database postgres allow_connections true");
            }
        }

        JobView done = awaitFinished(owner, id);
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.attempts()).as("the attempt that ran stored its outcome; nothing ran twice").isEqualTo(1);
        assertThat(TestJobHandlers.RUNS.get(id).get()).isEqualTo(1);
        assertThat(output.getAll()).doesNotContain("Exception in thread \"job-");

        UUID next = jobs.enqueue(JobRequest.of(TestJobHandlers.STEPS, owner, new TestJobHandlers.Steps(2, 0)));
        assertThat(awaitFinished(owner, next).status()).as("the workers still work").isEqualTo(JobStatus.SUCCEEDED);
    }
}
