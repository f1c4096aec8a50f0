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

    @Test
    void analysesNewContentOnceAndSharesTheResult() throws Exception {
        var api = api();
        String alice = api.login(api.signUpNewUser(), "password-123");
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
        String bob = api.login(api.signUpNewUser(), "password-123");
        UUID bobId = UUID.fromString(api.get("/api/v1/auth/me", bob).json().get("id").asString());
        var bobs = api.upload("same.jpg", portrait, bob).json();
        api.awaitThumbnail(bobs.get("id").asString(), bob);
        Thread.sleep(500);
        assertThat(AnalysisJob.RUNS.get()).as("the same bytes are not analysed again").isEqualTo(runs);
        assertThat(jobs.forSubject(bobId, UUID.fromString(bobs.get("id").asString()))).noneMatch(j -> j.type().equals("analysis.photo"));
    }
}
