package dev.lightbox.billing.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobService;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestJobHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.support.TransactionTemplate;

class CreditLedgerTest extends IntegrationTest {

    @Autowired CreditService credits;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate transaction;
    @Autowired JobService jobs;

    private UUID adminId() {
        String token = api().login(ADMIN_EMAIL, ADMIN_PASSWORD);
        return UUID.fromString(api().get("/api/v1/auth/me", token).json().get("id").asString());
    }

    private void assertLedgerExplainsBalance(UUID user) {
        assertThat(credits.sumOfEntries(user)).as("entries sum to the balance").isEqualTo(credits.balance(user).balance());
    }

    /** A job no worker takes during the test (it waits an hour), so its reservation stays held. */
    private static JobRequest<?> waitingJob(UUID owner) {
        return JobRequest.of(TestJobHandlers.STEPS, owner, new TestJobHandlers.Steps(1, 0)).delayedBy(Duration.ofHours(1));
    }

    @Test
    void grantAdjustPurchaseReserveAndReleaseKeepTheLedgerEqualToTheBalance() {
        UUID admin = adminId();
        UUID user = api().newUser().id();
        assertThat(credits.balance(user)).isEqualTo(CreditBalance.EMPTY);

        CreditEntry grant = credits.adjustByAdmin(admin, user, 10, "  Beta tester  ");
        assertThat(grant.kind()).isEqualTo(CreditKind.GRANT);
        assertThat(grant.amount()).isEqualTo(10);
        assertThat(grant.balanceAfter()).isEqualTo(10);
        assertThat(grant.reason()).isEqualTo("Beta tester");
        assertThat(grant.reference()).isNull();
        assertLedgerExplainsBalance(user);

        CreditEntry adjustment = credits.adjustByAdmin(admin, user, -3, "Correction");
        assertThat(adjustment.kind()).isEqualTo(CreditKind.ADJUSTMENT);
        assertThat(adjustment.balanceAfter()).isEqualTo(7);
        assertLedgerExplainsBalance(user);

        assertThatThrownBy(() -> credits.adjustByAdmin(admin, user, -8, "Too much")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 7");
        assertThatThrownBy(() -> credits.adjustByAdmin(admin, user, 0, "Nothing")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> credits.adjustByAdmin(admin, user, 5, "   ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> credits.adjustByAdmin(admin, user, 5, "x".repeat(201))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> credits.adjustByAdmin(user, user, 5, "Self-service")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> credits.adjustByAdmin(admin, UUID.randomUUID(), 5, "Nobody")).isInstanceOf(NoSuchElementException.class);
        assertThat(credits.balance(user)).isEqualTo(new CreditBalance(7, 0));

        String session = "cs_test_" + UUID.randomUUID();
        var bought = credits.purchase(user, 100, session, "Bought 100 credits");
        assertThat(bought).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo(CreditKind.PURCHASE);
            assertThat(e.reference()).isEqualTo(session);
            assertThat(e.balanceAfter()).isEqualTo(107);
        });
        assertThat(credits.purchase(user, 100, session, "Bought 100 credits")).as("the same session grants once").isEmpty();
        assertThat(credits.balance(user).balance()).isEqualTo(107);
        assertThat(jdbc.queryForObject("select count(*) from credit_entries where reference = ?", Long.class, session)).isEqualTo(1);
        assertLedgerExplainsBalance(user);

        UUID job = credits.enqueuePaid(user, 7, "Describe a photo", waitingJob(user));
        assertThat(credits.balance(user)).isEqualTo(new CreditBalance(100, 7));
        assertLedgerExplainsBalance(user);
        CreditEntry usage = credits.entries(user, null, 1).items().getFirst();
        assertThat(usage.kind()).isEqualTo(CreditKind.USAGE);
        assertThat(usage.amount()).isEqualTo(-7);
        assertThat(usage.reference()).isEqualTo(job.toString());

        credits.release(job, "Found in the cache");
        credits.release(job, "Found in the cache");
        assertThat(credits.balance(user)).as("released once").isEqualTo(new CreditBalance(107, 0));
        CreditEntry refund = credits.entries(user, null, 1).items().getFirst();
        assertThat(refund.kind()).isEqualTo(CreditKind.REFUND);
        assertThat(refund.amount()).isEqualTo(7);
        assertThat(refund.reason()).isEqualTo("Found in the cache");
        assertLedgerExplainsBalance(user);

        // run again after its refund (a user's retry): held again, with a usage entry of its own
        credits.requireHeld(job);
        credits.requireHeld(job);
        assertThat(credits.balance(user)).isEqualTo(new CreditBalance(100, 7));
        assertLedgerExplainsBalance(user);
        assertThat(jdbc.queryForObject("select count(*) from credit_entries where reference = ? and kind = 'USAGE'", Long.class,
                job.toString())).isEqualTo(2);
        credits.release(job, "Cancelled");
        assertThat(credits.balance(user)).isEqualTo(new CreditBalance(107, 0));

        UUID free = credits.enqueuePaid(user, 0, "Free", waitingJob(user));
        credits.requireHeld(free); // no reservation: nothing to hold
        assertThat(credits.balance(user)).isEqualTo(new CreditBalance(107, 0));
        assertLedgerExplainsBalance(user);

        CreditPage all = credits.entries(user, null, 200);
        assertThat(all.items()).extracting(CreditEntry::kind).containsExactly(CreditKind.REFUND, CreditKind.USAGE, CreditKind.REFUND,
                CreditKind.USAGE, CreditKind.PURCHASE, CreditKind.ADJUSTMENT, CreditKind.GRANT);
        assertThat(all.nextCursor()).isNull();
        CreditPage first = credits.entries(user, null, 3);
        CreditPage second = credits.entries(user, first.nextCursor(), 3);
        CreditPage third = credits.entries(user, second.nextCursor(), 3);
        assertThat(third.nextCursor()).isNull();
        List<CreditEntry> paged = new ArrayList<>(first.items());
        paged.addAll(second.items());
        paged.addAll(third.items());
        assertThat(paged).isEqualTo(all.items());
        assertThatThrownBy(() -> credits.entries(user, "not-a-cursor", 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRetriedJobIsHeldAgainOnlyWhenTheBalanceCoversIt() {
        UUID admin = adminId();
        UUID user = api().newUser().id();
        credits.adjustByAdmin(admin, user, 2, "Start");
        UUID job = credits.enqueuePaid(user, 2, "Paid", waitingJob(user));
        credits.release(job, "Refunded");
        credits.enqueuePaid(user, 2, "Paid", waitingJob(user));
        assertThatThrownBy(() -> credits.requireHeld(job)).isInstanceOf(InsufficientCreditsException.class);
        assertThat(credits.balance(user)).isEqualTo(new CreditBalance(0, 2));
        assertLedgerExplainsBalance(user);
    }

    @Test
    void refusedPaidWorkQueuesAndWritesNothing() {
        UUID user = api().newUser().id();
        int jobsBefore = jdbc.queryForObject("select count(*) from jobs where owner_id = ?", Integer.class, user);
        assertThatThrownBy(() -> credits.enqueuePaid(user, 1, "Paid", waitingJob(user)))
                .isInstanceOfSatisfying(InsufficientCreditsException.class, e -> {
                    assertThat(e.balance()).isZero();
                    assertThat(e.price()).isEqualTo(1);
                });
        assertThat(jdbc.queryForObject("select count(*) from jobs where owner_id = ?", Integer.class, user)).isEqualTo(jobsBefore);
        assertThat(jdbc.queryForObject("select count(*) from credit_balances where user_id = ?", Integer.class, user)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from credit_reservations where user_id = ?", Integer.class, user)).isZero();
    }

    @Test
    void theDatabaseItselfRefusesASecondChargeOrGrantForTheSameThing() {
        UUID admin = adminId();
        UUID user = api().newUser().id();
        credits.adjustByAdmin(admin, user, 5, "Start");
        String session = "cs_test_" + UUID.randomUUID();
        credits.purchase(user, 10, session, "Bought 10 credits");
        UUID job = credits.enqueuePaid(user, 1, "Paid", waitingJob(user));
        String insert = """
                insert into credit_entries (user_id, kind, amount, balance_after, reason, reference, hold, created_at)
                values (?, ?, ?, 0, 'by hand', ?, ?, now())""";
        assertThatThrownBy(() -> jdbc.update(insert, user, "PURCHASE", 10, session, null))
                .as("a purchase per reference").isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> jdbc.update(insert, user, "USAGE", -1, job.toString(), 1))
                .as("one charge per hold of a job").isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> jdbc.update("update credit_balances set balance = -1 where user_id = ?", user))
                .as("no negative balance").isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update("""
                insert into credit_reservations (job_id, user_id, amount, status, reason, created_at) values (?, ?, 1, 'held', 'again', now())""", job, user))
                .as("one reservation per job").isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aCallerThatCatchesTheRefusalInItsOwnTransactionCanStillCommit() {
        UUID user = api().newUser().id();
        UUID free = transaction.execute(status -> {
            assertThatThrownBy(() -> credits.enqueuePaid(user, 1, "Paid", waitingJob(user))).isInstanceOf(InsufficientCreditsException.class);
            return jobs.enqueue(waitingJob(user)); // e.g. a free fallback, in the same transaction
        });
        assertThat(jobs.status(free)).as("the caller's transaction committed").isPresent();
        assertThat(jdbc.queryForObject("select count(*) from credit_reservations where user_id = ?", Integer.class, user)).isZero();
    }

    @Test
    void fiftyParallelPaidEnqueuesWithTenCreditsQueueExactlyTen() throws Exception {
        UUID admin = adminId();
        UUID user = api().newUser().id();
        credits.adjustByAdmin(admin, user, 10, "Ten to spend");
        var start = new CountDownLatch(1);
        List<Future<UUID>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            for (int i = 0; i < 50; i++) {
                Callable<UUID> call = () -> {
                    start.await();
                    return credits.enqueuePaid(user, 1, "Paid", waitingJob(user));
                };
                results.add(pool.submit(call));
            }
            start.countDown();
        }
        List<UUID> accepted = new ArrayList<>();
        int refused = 0;
        for (Future<UUID> result : results) {
            try {
                accepted.add(result.get());
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(InsufficientCreditsException.class);
                refused++;
            }
        }
        assertThat(accepted).hasSize(10).doesNotHaveDuplicates();
        assertThat(refused).isEqualTo(40);
        assertThat(jdbc.queryForObject("select count(*) from jobs where owner_id = ?", Integer.class, user)).isEqualTo(10);
        assertThat(jdbc.queryForObject("select count(*) from credit_reservations where user_id = ? and status = 'held'", Integer.class, user))
                .isEqualTo(10);
        assertThat(credits.balance(user)).isEqualTo(new CreditBalance(0, 10));
        assertLedgerExplainsBalance(user);
    }

    @Test
    void twentyParallelAdminGrantsLoseNoUpdate() throws Exception {
        UUID admin = adminId();
        UUID user = api().newUser().id();
        var start = new CountDownLatch(1);
        List<Future<CreditEntry>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (int i = 1; i <= 20; i++) {
                long amount = i;
                results.add(pool.submit(() -> {
                    start.await();
                    return credits.adjustByAdmin(admin, user, amount, "Grant " + amount);
                }));
            }
            start.countDown();
        }
        List<Long> balancesAfter = new ArrayList<>();
        for (Future<CreditEntry> result : results) balancesAfter.add(result.get().balanceAfter());
        assertThat(credits.balance(user)).isEqualTo(new CreditBalance(210, 0)); // 1 + 2 + … + 20
        assertThat(balancesAfter).doesNotHaveDuplicates().contains(210L);
        assertLedgerExplainsBalance(user);
    }
}
