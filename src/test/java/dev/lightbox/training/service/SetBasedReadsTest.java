package dev.lightbox.training.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.BudgetTest;
import dev.lightbox.support.ScoredPhotos;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reads that used to cost a query per photo (or per attribute) are set-based: the statements that reach
 * the database are counted while a photo is shown, a library is walked for re-analysis, and a taste is learnt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SetBasedReadsTest extends BudgetTest {

    private static final Set<JobStatus> DONE = Set.of(JobStatus.SUCCEEDED, JobStatus.FAILED);

    @Autowired JobService jobs;

    private ApiClient api;
    private String token;
    private UUID owner;
    private Map<String, String> photos;

    @BeforeAll
    void aLibraryOfFiveAnalysedPhotos() throws Exception {
        api = api();
        token = api.login(api.signUpNewUser(), USER_PASSWORD);
        owner = UUID.fromString(api.get("/api/v1/auth/me", token).json().get("id").asString());
        photos = ScoredPhotos.upload(api, token);
    }

    @Test
    void aPhotoRanksAllItsAttributesInTheLibraryInOneStatement() {
        counter().clear();
        var photo = api.get("/api/v1/photos/" + photos.get("messi.jpg"), token).json();
        assertThat(photo.get("explanation").toString()).contains("of your library"); // Balanced weighs seven numeric attributes
        assertThat(counter().executed(e -> e.thread().startsWith("http") && e.sql().contains("filter (where"))).hasSize(1);
    }

    @Test
    void reanalysingALibraryAsksForItsAnalysesOnce() {
        counter().clear();
        UUID job = UUID.fromString(api.post("/api/v1/analysis/reanalyse", "", token).json().get("jobId").asString());
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.find(owner, job).orElseThrow().status() == JobStatus.SUCCEEDED);
        assertThat(counter().executed(e -> "LibraryAnalysisJob".equals(e.handler()) && e.sql().contains("photo_attributes")))
                .as("statements about analyses for a library of %d contents", photos.size()).hasSize(1);
    }

    @Test
    void learningATasteReadsTheLibrarysAnalysesOnce() {
        counter().clear();
        UUID job = jobs.enqueue(TasteJob.request(owner)); // too few ratings: it reads everything, then refuses
        await().atMost(Duration.ofSeconds(30)).until(() -> DONE.contains(jobs.find(owner, job).orElseThrow().status()));
        assertThat(counter().executed(e -> "TasteJob".equals(e.handler()) && e.sql().contains("photo_attributes")))
                .as("statements about analyses for a library of %d contents", photos.size()).hasSize(1);
    }
}
