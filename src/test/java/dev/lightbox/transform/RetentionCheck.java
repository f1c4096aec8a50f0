package dev.lightbox.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.jobs.DiagnosticJob;
import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.storage.ObjectStore;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The retention sweep in an application started with {@code lightbox.retention.results=1s} (and the default 14 days
 * for jobs): a restyle result expires (row kept as {@code expired}, images 404, objects gone) and a job that finished
 * 30 days ago is deleted with its attempts while a fresh one stays. Run from a test class that starts its own app
 * anyway (the shared test context cannot vary settings), so it costs one restyle, not an application start.
 */
public final class RetentionCheck {

    private static final Duration RUN = Duration.ofSeconds(60);

    private RetentionCheck() {
    }

    public static void expiresAResultAndOldJobs(ConfigurableApplicationContext app, ApiClient api) {
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        ObjectStore store = app.getBean(ObjectStore.class);
        JobService jobs = app.getBean(JobService.class);
        ApiClient.User user = api.newUser();
        var uploaded = api.upload("fruits.jpg", TestImages.uniqueCopy(TestImages.read(TestImages.FRUITS)), user.token());
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        var started = api.post("/api/v1/transforms", Map.of("photoId", uploaded.json().get("id").asString(), "style", "hdr"), user.token());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().get("id").asString();
        JsonNode done = ApiClient.await("the restyle completes", RUN, () -> api.get("/api/v1/transforms/" + id, user.token()).json(),
                t -> Set.of("completed", "failed", "cancelled").contains(t.get("status").asString()));
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(Duration.between(java.time.Instant.parse(done.get("finishedAt").asString()),
                java.time.Instant.parse(done.get("expiresAt").asString()))).isEqualTo(Duration.ofSeconds(1));
        assertThat(store.list("results/" + id + "/")).hasSize(2);

        UUID old = finishedJob(jobs, api);
        UUID fresh = finishedJob(jobs, api);
        jdbc.sql("update jobs set finished_at = now() - interval '30 days' where id = :id").param("id", old).update();
        ApiClient.await("the result's expiry passes", RUN, () -> jdbc.sql(
                "select now() >= expires_at from transforms where id = :id").param("id", UUID.fromString(id)).query(Boolean.class).single(), b -> b);

        String admin = api.login(IntegrationTest.ADMIN_EMAIL, IntegrationTest.ADMIN_PASSWORD);
        var run = api.post("/api/v1/admin/retention/run", "", admin);
        assertThat(run.status()).isEqualTo(202);
        UUID jobId = UUID.fromString(run.json().get("jobId").asString());
        api.awaitJobSucceeded(jobId.toString(), admin, RUN);

        JsonNode expired = api.get("/api/v1/transforms/" + id, user.token()).json();
        assertThat(expired.get("status").asString()).isEqualTo("expired");
        assertThat(expired.get("result").isNull()).isTrue();
        assertThat(api.getBytes("/api/v1/transforms/" + id + "/result", user.token()).status()).isEqualTo(404);
        assertThat(api.getBytes("/api/v1/transforms/" + id + "/thumbnail", user.token()).status()).isEqualTo(404);
        assertThat(store.list("results/" + id + "/")).isEmpty();
        String result = jdbc.sql("select result::text from jobs where id = :id").param("id", jobId).query(String.class).single();
        assertThat(result).contains("\"resultsExpired\":1", "\"resultBytesFreed\":" + done.get("result").get("bytes").asLong())
                .doesNotContain("\"jobsDeleted\":0");
        assertThat(jdbc.sql("select count(*) from jobs where id = :id").param("id", old).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from job_runs where job_id = :id").param("id", old).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from jobs where id = :id").param("id", fresh).query(Long.class).single()).isEqualTo(1);

        var again = api.post("/api/v1/admin/retention/run", "", admin);
        api.awaitJobSucceeded(again.json().get("jobId").asString(), admin, RUN);
        assertThat(jdbc.sql("select result::text from jobs where id = :id").param("id", UUID.fromString(again.json().get("jobId").asString()))
                .query(String.class).single()).as("nothing left to remove").contains("\"resultsExpired\":0", "\"jobsDeleted\":0");
    }

    private static UUID finishedJob(JobService jobs, ApiClient api) {
        UUID id = jobs.enqueue(DiagnosticJob.TYPE, null, new DiagnosticJob.Payload(0, false));
        ApiClient.await("diagnostic job " + id, RUN, () -> jobs.status(id).orElseThrow(), s -> s == JobStatus.SUCCEEDED);
        return id;
    }
}
