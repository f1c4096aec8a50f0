package dev.lightbox.billing.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.jobs.JobView;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestJobHandlers;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Paid jobs settle by their outcome: success keeps the usage, failure and cancellation refund it, exactly once. */
class CreditSettlementTest extends IntegrationTest {

    @Autowired CreditService credits;
    @Autowired CreditSettlement settlement;
    @Autowired JobService jobs;
    @Autowired JdbcTemplate jdbc;

    private UUID userWith(long balance) {
        String token = api().login(ADMIN_EMAIL, ADMIN_PASSWORD);
        UUID admin = UUID.fromString(api().get("/api/v1/auth/me", token).json().get("id").asString());
        UUID user = api().newUser().id();
        credits.adjustByAdmin(admin, user, balance, "For the test");
        return user;
    }

    private String reservation(UUID job) {
        return jdbc.queryForObject("select status from credit_reservations where job_id = ?", String.class, job);
    }

    private String awaitReservationEnded(UUID job) {
        return Awaitility.await("the reservation of " + job + " is settled or released").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20)).until(() -> reservation(job), status -> !"held".equals(status));
    }

    private long entries(UUID job, String kind) {
        return jdbc.queryForObject("select count(*) from credit_entries where reference = ? and kind = ?", Long.class, job.toString(), kind);
    }

    private JobView awaitFinished(UUID owner, UUID job) {
        return Awaitility.await("job " + job + " finishes").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> jobs.find(owner, job).orElseThrow(), j -> j.status().finished());
    }

    private void assertLedgerExplainsBalance(UUID user) {
        assertThat(credits.sumOfEntries(user)).as("entries sum to the balance").isEqualTo(credits.balance(user).balance());
    }

    @Test
    void aSucceededJobIsChargedAndAFailedOrCancelledOneRefundedOnce() {
        UUID user = userWith(10);
        UUID succeeds = credits.enqueuePaid(user, 2, "Succeeds", JobRequest.of(TestJobHandlers.STEPS, user, new TestJobHandlers.Steps(1, 0)));
        UUID fails = credits.enqueuePaid(user, 3, "Fails",
                JobRequest.of(TestJobHandlers.FLAKY, user, new TestJobHandlers.Flaky(9)).withMaxAttempts(2));
        UUID cancelled = credits.enqueuePaid(user, 4, "Cancelled",
                JobRequest.of(TestJobHandlers.STEPS, user, new TestJobHandlers.Steps(1, 0)).delayedBy(Duration.ofHours(1)));
        assertThat(credits.balance(user)).isEqualTo(new CreditBalance(1, 9));
        assertThat(jobs.cancel(user, cancelled)).contains(JobStatus.CANCELLED);

        assertThat(awaitReservationEnded(succeeds)).isEqualTo("settled");
        assertThat(awaitReservationEnded(fails)).isEqualTo("released");
        assertThat(awaitReservationEnded(cancelled)).isEqualTo("released");
        assertThat(awaitFinished(user, fails).status()).isEqualTo(JobStatus.FAILED);
        assertThat(awaitFinished(user, fails).attempts()).isEqualTo(2);

        assertThat(settlement.sweep()).as("nothing left for the sweep").isZero();
        assertThat(credits.settleIfFinished(fails)).as("settling again changes nothing").isFalse();
        assertThat(entries(succeeds, "USAGE")).isEqualTo(1);
        assertThat(entries(succeeds, "REFUND")).isZero();
        assertThat(entries(fails, "REFUND")).isEqualTo(1);
        assertThat(entries(cancelled, "REFUND")).isEqualTo(1);
        assertThat(credits.balance(user)).isEqualTo(new CreditBalance(8, 0));
        assertLedgerExplainsBalance(user);
    }

    /** As JobEngineTest does: the job is RUNNING on a worker that stopped renewing its lease a second ago. */
    private UUID paidJobOnADeadWorker(UUID user, int maxAttempts) {
        UUID job = credits.enqueuePaid(user, 1, "Paid",
                JobRequest.of(TestJobHandlers.STEPS, user, new TestJobHandlers.Steps(1, 0)).withMaxAttempts(maxAttempts).delayedBy(Duration.ofHours(1)));
        jdbc.update("""
                update jobs set status = 'RUNNING', attempts = 1, lease_owner = 'dead-worker', lease_until = now() - interval '1 second',
                                claim_token = gen_random_uuid(), started_at = now(), run_after = now()
                where id = ?""", job);
        return job;
    }

    @Test
    void aJobRecoveredFromADeadWorkerKeepsItsReservationAndIsChargedOnce() {
        UUID user = userWith(1);
        UUID job = paidJobOnADeadWorker(user, 3);
        JobView done = awaitFinished(user, job);
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.attempts()).as("recovered, then run again").isEqualTo(2);
        assertThat(awaitReservationEnded(job)).isEqualTo("settled");
        assertThat(entries(job, "USAGE")).isEqualTo(1);
        assertThat(entries(job, "REFUND")).isZero();
        assertThat(credits.balance(user)).isEqualTo(new CreditBalance(0, 0));
        assertLedgerExplainsBalance(user);
    }

    @Test
    void aJobThatDiesWithItsWorkerOnItsLastAttemptIsRefundedOnce() {
        UUID user = userWith(1);
        UUID job = paidJobOnADeadWorker(user, 1);
        assertThat(awaitFinished(user, job).status()).isEqualTo(JobStatus.FAILED);
        assertThat(awaitReservationEnded(job)).isEqualTo("released");
        settlement.sweep();
        assertThat(entries(job, "REFUND")).isEqualTo(1);
        assertThat(credits.balance(user)).isEqualTo(new CreditBalance(1, 0));
        assertLedgerExplainsBalance(user);
    }

    @Test
    void theSweepAloneSettlesWhenNoEventArrives() {
        UUID user = userWith(5);
        settlement.stopAutomaticSettlement();
        try {
            UUID succeeds = credits.enqueuePaid(user, 2, "Succeeds", JobRequest.of(TestJobHandlers.STEPS, user, new TestJobHandlers.Steps(1, 0)));
            UUID fails = credits.enqueuePaid(user, 3, "Fails",
                    JobRequest.of(TestJobHandlers.FLAKY, user, new TestJobHandlers.Flaky(9)).withMaxAttempts(1));
            awaitFinished(user, succeeds);
            awaitFinished(user, fails);
            assertThat(reservation(succeeds)).as("no event was heard").isEqualTo("held");
            assertThat(reservation(fails)).isEqualTo("held");
            assertThat(credits.balance(user)).isEqualTo(new CreditBalance(0, 5));

            assertThat(settlement.sweep()).isGreaterThanOrEqualTo(2);
            assertThat(reservation(succeeds)).isEqualTo("settled");
            assertThat(reservation(fails)).isEqualTo("released");
            assertThat(credits.balance(user)).isEqualTo(new CreditBalance(3, 0));
            assertLedgerExplainsBalance(user);
        } finally {
            settlement.listen();
        }
    }
}
