package dev.lightbox.jobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.AppRunner;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The pool at the minimum the job threads call for, with its default connection timeout (1.5 s): ten users
 * uploading 200 photos at once, with every job those uploads start running, never wait on the pool past it.
 */
class ConnectionBudgetLoadTest {

    private static final int USERS = 10;
    private static final int PHOTOS_PER_USER = 20;

    @Test
    void twoHundredPhotosFromTenUsersAtOnceNeverWaitPastThePoolTimeout() throws Exception {
        int minimum = 2 + 1 + 1 + 1 + ConnectionBudget.WEB_HEADROOM; // cpu + gpu threads, progress writer, LISTEN, web
        try (var app = AppRunner.start(IntegrationTest.newDataDir("pool-budget"), "lightbox.db.pool-size=" + minimum,
                "lightbox.jobs.cpu-threads=2", "lightbox.jobs.gpu-threads=1",
                "lightbox.jobs.retry-base=100ms")) {
            HikariDataSource pool = app.getBean(HikariDataSource.class);
            assertThat(pool.getMaximumPoolSize()).isEqualTo(minimum);
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            ApiClient setup = AppRunner.api(app);
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < USERS; i++) tokens.add(setup.login(setup.signUpNewUser(), ApiClient.USER_PASSWORD));
            List<List<byte[]>> photos = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                List<byte[]> own = new ArrayList<>();
                for (int p = 0; p < PHOTOS_PER_USER; p++) own.add(TestImages.jpeg(640, 480, 1000L * u + p));
                photos.add(own);
            }

            ExecutorService uploaders = Executors.newFixedThreadPool(USERS);
            List<Future<List<Integer>>> statuses = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                String token = tokens.get(u);
                List<byte[]> own = photos.get(u);
                statuses.add(uploaders.submit((Callable<List<Integer>>) () -> {
                    ApiClient api = AppRunner.api(app);
                    List<Integer> codes = new ArrayList<>();
                    for (int p = 0; p < own.size(); p++) codes.add(api.upload("photo-" + p + ".jpg", own.get(p), token).status());
                    return codes;
                }));
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<List<Integer>> future : statuses) codes.addAll(future.get(10, TimeUnit.MINUTES));
            uploaders.shutdown();
            assertThat(codes).hasSize(USERS * PHOTOS_PER_USER).allMatch(code -> code >= 200 && code < 300);

            UUID[] owners = jdbc.queryForList("select id from users", UUID.class).toArray(UUID[]::new);
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() -> jdbc.queryForObject(
                    "select count(*) from jobs where owner_id = any(?) and status in ('QUEUED', 'RUNNING')", Long.class, (Object) owners) == 0);
            assertThat(jdbc.queryForList("select type || ' ' || status || ' ' || coalesce(error, '') from jobs where owner_id = any(?) and status <> 'SUCCEEDED'",
                    String.class, (Object) owners)).isEmpty();
            assertThat(jdbc.queryForList("select coalesce(r.error, r.outcome) from job_runs r join jobs j on j.id = r.job_id where j.owner_id = any(?) and r.outcome <> 'SUCCEEDED'",
                    String.class, (Object) owners)).as("no attempt failed").isEmpty();
            assertThat(jdbc.queryForObject("select count(*) from photos where owner_id = any(?)", Long.class, (Object) owners)).isEqualTo(USERS * PHOTOS_PER_USER);

            MeterRegistry meters = app.getBean(MeterRegistry.class);
            assertThat(meters.get("hikaricp.connections.timeout").counter().count()).as("connection requests that timed out").isZero();
            Timer acquire = meters.get("hikaricp.connections.acquire").timer();
            System.out.printf("Pool of %d: %d acquisitions, longest wait %.0f ms (timeout 1500 ms), %d jobs%n", minimum, acquire.count(),
                    acquire.max(TimeUnit.MILLISECONDS), jdbc.queryForObject("select count(*) from jobs where owner_id = any(?)", Long.class, (Object) owners));
        }
    }
}
