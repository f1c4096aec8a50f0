package dev.lightbox.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestJobHandlers;
import dev.lightbox.support.TestJobHandlers.Echo;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Handlers get their payload as their type's record; a payload that does not fit fails the job at once, saying why. */
class JobPayloadTest extends IntegrationTest {

    @Autowired JobService jobs;
    @Autowired JobTypes types;
    @Autowired JdbcTemplate jdbc;

    /** The same type name with another record: what a row written by other code (or an older version) looks like. */
    record NoText(String other) {
    }

    record StepsAsWords(String steps, int sleepMs) {
    }

    private UUID owner() {
        var api = api();
        return UUID.fromString(api.get("/api/v1/auth/me", api.login(api.signUpNewUser(), USER_PASSWORD)).json().get("id").asString());
    }

    private JobView finished(UUID owner, UUID id) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> jobs.find(owner, id).orElseThrow(), j -> j.status().finished());
    }

    private @Nullable String result(UUID id) {
        return jdbc.queryForObject("select result::text from jobs where id = ?", String.class, id);
    }

    @Test
    void theHandlerGetsThePayloadRecordItWasEnqueuedWith() {
        UUID owner = owner();
        UUID withNote = jobs.enqueue(TestJobHandlers.ECHO, owner, new Echo("hello", "four"));
        UUID withoutNote = jobs.enqueue(TestJobHandlers.ECHO, owner, new Echo("bye", null));
        assertThat(finished(owner, withNote).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(finished(owner, withoutNote).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(result(withNote)).contains("\"text\": \"hello\"").contains("\"noteLength\": 4");
        assertThat(result(withoutNote)).contains("\"text\": \"bye\"").contains("\"noteLength\": -1");
        assertThat(jdbc.queryForObject("select payload::text from jobs where id = ?", String.class, withNote))
                .isEqualTo("{\"note\": \"four\", \"text\": \"hello\"}");
    }

    @Test
    void aPayloadWithoutAFieldItsTypeNeedsFailsAtOnceNamingTheField() {
        UUID owner = owner();
        var other = JobType.of(TestJobHandlers.ECHO.name(), "Not the echo", JobQueue.CPU, NoText.class);
        UUID id = jobs.enqueue(JobRequest.of(other, owner, new NoText("x")).withMaxAttempts(3));
        JobView failed = finished(owner, id);
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.attempts()).as("no retry can mend a payload").isEqualTo(1);
        assertThat(failed.error()).isEqualTo("The payload does not fit job type test.echo (Echo): field 'text' is missing");
        assertThat(TestJobHandlers.RUNS).as("the handler never ran").doesNotContainKey(id);
    }

    @Test
    void aPayloadValueOfTheWrongKindFailsAtOnceNamingTheField() {
        UUID owner = owner();
        var words = JobType.of(TestJobHandlers.STEPS.name(), "Steps in words", JobQueue.CPU, StepsAsWords.class);
        UUID id = jobs.enqueue(JobRequest.of(words, owner, new StepsAsWords("many", 0)));
        JobView failed = finished(owner, id);
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.error()).startsWith("The payload does not fit job type test.steps (Steps): ").contains("field 'steps'").contains("\"many\"");
        assertThat(TestJobHandlers.RUNS).doesNotContainKey(id);
    }

    @Test
    void aPayloadWithoutANumberItsTypeNeedsFailsAtOnce() {
        UUID owner = owner();
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into jobs (id, owner_id, type, queue, status, max_attempts, run_after, payload, created_at)
                values (?, ?, 'test.steps', 'cpu', 'QUEUED', 3, now(), '{"steps": 2}', now())""", id, owner);
        jdbc.execute("notify lightbox_jobs, 'cpu'");
        JobView failed = finished(owner, id);
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.error()).isEqualTo("The payload does not fit job type test.steps (Steps): field 'sleepMs' is missing");
    }

    @Test
    void everyJobTypeHasOneHumanNameInTheRegistry() {
        assertThat(types.title("analysis.photo")).isEqualTo("Photo analysis");
        assertThat(types.title("training.model")).isEqualTo("Model training");
        assertThat(types.title("no.such-type")).isEqualTo("no.such-type");
        assertThat(types.all()).extracting(JobType::name).contains("library.renditions", "library.delete-content", "analysis.photo",
                "analysis.library", "scoring.rescore", "training.model", "training.classify", "training.taste", "system.noop");
        assertThat(types.all()).extracting(JobType::title).doesNotHaveDuplicates().noneMatch(t -> t.matches("[a-z.-]+"));
    }
}
