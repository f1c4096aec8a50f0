package dev.lightbox.jobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.jobs.JobView;
import dev.lightbox.jobs.domain.QueueSettingsRepository;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestJobHandlers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The workers' own races and failures: stopping mid-claim, shrinking mid-claim, the registry's stop and start around
 * the workers', and a database that goes away under a running job.
 */
@ExtendWith(OutputCaptureExtension.class)
class JobWorkersResilienceTest extends IntegrationTest {

    @Autowired JobService jobs;
    @Autowired JobWorkers workers;
    @Autowired JdbcTemplate jdbc;
    @Autowired HikariDataSource dataSource;
    @Autowired WorkerRegistry registry;
    @Autowired QueueSettingsRepository settings;
    @Autowired PlatformTransactionManager transactions;

    private UUID owner() {
        var api = api();
        return UUID.fromString(api.get("/api/v1/auth/me", api.login(api.signUpNewUser(), USER_PASSWORD)).json().get("id").asString());
    }

    private JobView awaitFinished(UUID owner, UUID id) {
        return await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> jobs.find(owner, id).orElseThrow(), j -> j.status().finished());
    }

    /** Holds the claim of a marked job inside its statement, after the job row is taken, until the test lets go of 4711. */
    private void holdMarkedClaims() {
        jdbc.execute("""
                create or replace function test_hold_claim() returns trigger language plpgsql as $$
                begin
                    if exists (select 1 from jobs where id = new.job_id and payload ->> 'holdClaim' = 'true') then
                        perform pg_advisory_xact_lock_shared(4711);
                    end if;
                    return new;
                end $$""");
        jdbc.execute("create trigger test_hold_claim before insert on job_runs for each row execute function test_hold_claim()");
    }

    private void awaitAHeldClaim() {
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from pg_locks where locktype = 'advisory' and objid = 4711 and not granted", Integer.class) > 0);
    }

    @Test
    void stoppingWhileAClaimIsInFlightPutsTheClaimedJobBackInsteadOfCostingItsOnlyAttempt() throws Exception {
        UUID owner = owner();
        holdMarkedClaims();
        try (Connection holder = dataSource.getConnection(); Statement lock = holder.createStatement()) {
            lock.execute("select pg_advisory_lock(4711)");
            UUID id = jobs.enqueue(JobRequest.of(TestJobHandlers.GPU_STEPS, owner, new TestJobHandlers.Steps(1, 0, true)).withMaxAttempts(1));
            awaitAHeldClaim();

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

    /**
     * One claim takes two jobs on a 2-thread queue, and the queue shrinks to 1 thread before the claim returns. Each job
     * outlasts the lease: a job left waiting for a thread without its lease renewed would be recovered and run twice.
     */
    @Test
    void jobsClaimedWhileTheirQueueShrinksRunOnceEach() throws Exception {
        UUID owner = owner();
        holdMarkedClaims();
        try (Connection holder = dataSource.getConnection(); Statement lock = holder.createStatement()) {
            settings.update(JobQueue.GPU, null, true, 2);
            workers.applySettings();
            assertThat(workers.threads(JobQueue.GPU)).isEqualTo(2);
            lock.execute("select pg_advisory_lock(4711)");
            // one commit, one NOTIFY: the dispatcher's next claim takes both
            List<UUID> ids = new TransactionTemplate(transactions).execute(tx -> List.of(
                    jobs.enqueue(JobRequest.of(TestJobHandlers.GPU_STEPS, owner, new TestJobHandlers.Steps(1, 3500, true))),
                    jobs.enqueue(JobRequest.of(TestJobHandlers.GPU_STEPS, owner, new TestJobHandlers.Steps(1, 3500, true)))));
            awaitAHeldClaim();
            settings.update(JobQueue.GPU, null, true, 1);
            workers.applySettings();
            assertThat(workers.threads(JobQueue.GPU)).isEqualTo(1);
            lock.execute("select pg_advisory_unlock(4711)");

            for (UUID id : ids) {
                JobView done = awaitFinished(owner, id);
                assertThat(done.status()).as(done.error()).isEqualTo(JobStatus.SUCCEEDED);
                assertThat(done.attempts()).as("never recovered from under this node").isEqualTo(1);
                assertThat(TestJobHandlers.RUNS.get(id).get()).as("ran once").isEqualTo(1);
            }
        } finally {
            jdbc.execute("drop trigger if exists test_hold_claim on job_runs");
            jdbc.execute("drop function if exists test_hold_claim()");
            jdbc.update("delete from queue_settings where queue = 'gpu'"); // as it was: no row
            workers.applySettings();
        }
    }

    /**
     * Stopped in the context's order (higher phase first), the registry marks this node stopped only after the job
     * workers finished what ran here; started again (lower phase first), its first beat already reports their threads.
     */
    @Test
    void theRegistryMarksTheNodeStoppedAfterItsJobsEndAndFirstBeatsWithItsThreads() {
        UUID owner = owner();
        UUID id = jobs.enqueue(JobRequest.of(TestJobHandlers.GPU_STEPS, owner, new TestJobHandlers.Steps(1, 1500)));
        await().atMost(Duration.ofSeconds(20)).until(() -> jobs.find(owner, id).orElseThrow().status() == JobStatus.RUNNING);
        List<SmartLifecycle> byPhase = Stream.of(registry, workers).sorted(Comparator.comparingInt(SmartLifecycle::getPhase)).toList();
        try {
            byPhase.reversed().forEach(SmartLifecycle::stop);
            assertThat(jobs.find(owner, id).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
            Boolean stoppedAfterTheJob = jdbc.queryForObject("select w.stopped_at >= j.finished_at from workers w, jobs j where w.id = ? and j.id = ?",
                    Boolean.class, workers.workerId(), id);
            assertThat(stoppedAfterTheJob).as("marked stopped after the job ended, not while it ran").isTrue();
        } finally {
            byPhase.forEach(lifecycle -> {
                if (!lifecycle.isRunning()) lifecycle.start();
            });
        }
        Map<String, Object> row = await().atMost(Duration.ofSeconds(5)).until(
                () -> jdbc.queryForMap("select stopped_at, cpu_threads, gpu_threads from workers where id = ?", workers.workerId()),
                r -> r.get("stopped_at") == null);
        assertThat(row.get("cpu_threads")).as("the first beat").isEqualTo(workers.threads(JobQueue.CPU));
        assertThat(row.get("gpu_threads")).isEqualTo(1);
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
