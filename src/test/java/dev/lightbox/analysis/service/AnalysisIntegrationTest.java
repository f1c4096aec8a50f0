package dev.lightbox.analysis.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Each content is analysed once, by a job with steps, whoever uploads it. */
class AnalysisIntegrationTest extends IntegrationTest {

    @Autowired AnalysisService analyses;
    @Autowired JobService jobs;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void analysesNewContentOnceAndSharesTheResult() throws Exception {
        var api = api();
        String alice = api.login(api.signUpNewUser(), USER_PASSWORD);
        UUID aliceId = UUID.fromString(api.get("/api/v1/auth/me", alice).json().get("id").asString());
        byte[] portrait = TestImages.uniqueCopy(TestImages.read(TestImages.GRACE_HOPPER));
        var created = api.upload("grace.jpg", portrait, alice).json();
        String sha = created.get("sha256").asString();
        UUID photoId = UUID.fromString(created.get("id").asString());

        long deadline = System.currentTimeMillis() + 30_000;
        while (analyses.find(sha).isEmpty()) {
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            Thread.sleep(50);
        }
        Map<String, Object> attributes = analyses.find(sha).orElseThrow();
        assertThat(((Number) attributes.get("faceCount")).intValue()).isGreaterThanOrEqualTo(1);
        assertThat(attributes).containsKeys("sharpness", "brightness", "exposure", "colorfulness", "brisque", "thirds", "horizonTilt", "faces");
        var analysisJob = jobs.forSubject(aliceId, photoId).stream().filter(j -> j.type().equals("analysis.photo")).findFirst().orElseThrow();
        assertThat(analysisJob.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(jobs.attempts(aliceId, analysisJob.id())).hasSize(1);

        var analysis = api.get("/api/v1/photos/" + photoId, alice).json().get("analysis");
        assertThat(analysis.get("status").asString()).isEqualTo("done");
        assertThat(analysis.get("analyzerVersion").asInt()).isEqualTo(PhotoAnalyzer.VERSION);
        assertThat(analysis.get("attributes").get("faceCount").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(analysis.get("attributes").get("exposure").asString()).isIn("under", "ok", "over");

        long runs = AnalysisJob.RUNS.get();
        String bob = api.login(api.signUpNewUser(), USER_PASSWORD);
        UUID bobId = UUID.fromString(api.get("/api/v1/auth/me", bob).json().get("id").asString());
        var bobs = api.upload("same.jpg", portrait, bob).json();
        api.awaitThumbnail(bobs.get("id").asString(), bob);
        Thread.sleep(500);
        assertThat(AnalysisJob.RUNS.get()).as("the same bytes are not analysed again").isEqualTo(runs);
        assertThat(jobs.forSubject(bobId, UUID.fromString(bobs.get("id").asString()))).noneMatch(j -> j.type().equals("analysis.photo"));
    }

    @Test
    void reanalyseLibraryReplacesResultsOfAnOlderAnalyzer() throws Exception {
        var api = api();
        String token = api.login(api.signUpNewUser(), USER_PASSWORD);
        var created = api.upload("fruits.jpg", TestImages.uniqueCopy(TestImages.read(TestImages.FRUITS)), token).json();
        String sha = created.get("sha256").asString();
        String photo = "/api/v1/photos/" + created.get("id").asString();
        awaitStatus(api, token, photo, "done");

        // as if analysed by the previous analyzer version: an older row, different numbers
        jdbc.sql("update photo_attributes set analyzer_version = :old, attributes = attributes || '{\"sharpness\": 0.0123}' where sha256 = :sha")
                .param("old", PhotoAnalyzer.VERSION - 1).param("sha", sha).update();
        jdbc.sql("update jobs set dedupe_key = :old where dedupe_key = :current")
                .param("old", "analysis:" + sha + ":v" + (PhotoAnalyzer.VERSION - 1)).param("current", "analysis:" + sha + ":v" + PhotoAnalyzer.VERSION).update();
        var outdated = api.get(photo, token).json().get("analysis");
        assertThat(outdated.get("status").asString()).isEqualTo("outdated");
        assertThat(outdated.get("analyzerVersion").asInt()).isEqualTo(PhotoAnalyzer.VERSION - 1);
        assertThat(outdated.get("attributes").get("sharpness").asDouble()).as("old results stay in use meanwhile").isEqualTo(0.0123);
        var coverage = api.get("/api/v1/analysis", token).json();
        assertThat(coverage.get("outdated").asLong()).isEqualTo(1);
        assertThat(coverage.get("current").asLong()).isZero();

        long runs = AnalysisJob.RUNS.get();
        var started = api.post("/api/v1/analysis/reanalyse", "", token);
        assertThat(started.status()).isEqualTo(202);
        assertThat(api.post("/api/v1/admin/analysis/reanalyse", "", token).status()).as("admins only").isEqualTo(403);
        var fresh = awaitStatus(api, token, photo, "done");
        assertThat(fresh.get("analyzerVersion").asInt()).isEqualTo(PhotoAnalyzer.VERSION);
        assertThat(fresh.get("attributes").get("sharpness").asDouble()).isNotEqualTo(0.0123);
        assertThat(AnalysisJob.RUNS.get()).isEqualTo(runs + 1);
        assertThat(jdbc.sql("select count(*) from photo_attributes where sha256 = :sha").param("sha", sha).query(Long.class).single())
                .as("the outdated row is replaced").isEqualTo(1);
        var walk = api.get("/api/v1/jobs/" + started.json().get("jobId").asString(), token).json();
        for (long until = System.currentTimeMillis() + 10_000; !walk.get("status").asString().equals("SUCCEEDED"); Thread.sleep(50)) {
            assertThat(System.currentTimeMillis()).isLessThan(until);
            walk = api.get("/api/v1/jobs/" + started.json().get("jobId").asString(), token).json();
        }
        assertThat(walk.get("message").asString()).isEqualTo("1 photo queued for analysis");
        assertThat(api.get("/api/v1/analysis", token).json().get("current").asLong()).isEqualTo(1);
    }

    private static tools.jackson.databind.JsonNode awaitStatus(dev.lightbox.support.ApiClient api, String token, String photo, String status)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            var analysis = api.get(photo, token).json().get("analysis");
            if (analysis.get("status").asString().equals(status)) return analysis;
            assertThat(System.currentTimeMillis()).as("analysis never reached " + status).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
