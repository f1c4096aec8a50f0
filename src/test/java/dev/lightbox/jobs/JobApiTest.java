package dev.lightbox.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class JobApiTest extends IntegrationTest {

    @Autowired JobService jobs;

    record User(UUID id, String token) {
    }

    private User user() {
        var api = api();
        String token = api.login(api.signUpNewUser(), USER_PASSWORD);
        return new User(UUID.fromString(api.get("/api/v1/auth/me", token).json().get("id").asString()), token);
    }

    @Test
    void streamsProgressUntilTheJobEnds() throws Exception {
        User user = user();
        UUID id = jobs.enqueue(JobRequest.of("test.steps", JobQueue.CPU, user.id(), Map.of("steps", 8, "sleepMs", 150)));
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/jobs/" + id + "/events"))
                .header("Authorization", "Bearer " + user.token()).timeout(Duration.ofSeconds(30)).build();
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> lines = response.body().toList(); // the server ends the stream when the job ends
        assertThat(lines).contains("event:progress");
        assertThat(lines).anyMatch(l -> l.startsWith("data:") && l.contains("\"step\":\"step 4\""));
        assertThat(lines.get(lines.size() - 3)).isEqualTo("event:end");
        assertThat(lines).anyMatch(l -> l.startsWith("data:") && l.contains("\"status\":\"SUCCEEDED\""));
    }

    @Test
    void listsReadsCancelsAndRetriesOnlyTheCallersJobs() throws Exception {
        var api = api();
        User alice = user();
        User bob = user();
        UUID id = jobs.enqueue(JobRequest.of("test.gpu-steps", JobQueue.GPU, alice.id(), Map.of("steps", 500, "sleepMs", 20)));

        var one = api.get("/api/v1/jobs/" + id, alice.token());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("type").asString()).isEqualTo("test.gpu-steps");
        assertThat(one.json().get("queue").asString()).isEqualTo("gpu");
        for (String field : List.of("id", "status", "progress", "step", "message", "error", "attempts", "createdAt", "startedAt", "finishedAt")) {
            assertThat(one.json().has(field)).as(field).isTrue();
        }
        assertThat(api.get("/api/v1/jobs", alice.token()).json().get("items").values()).extracting(n -> n.get("id").asString()).contains(id.toString());

        assertThat(api.get("/api/v1/jobs/" + id, bob.token()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/jobs/" + id + "/cancel", "", bob.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/jobs/" + id + "/events", bob.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/jobs", bob.token()).json().get("items").values()).isEmpty();

        assertThat(api.post("/api/v1/jobs/" + id + "/retry", "", alice.token()).status()).as("not finished yet").isEqualTo(409);
        assertThat(api.post("/api/v1/jobs/" + id + "/cancel", "", alice.token()).status()).isEqualTo(202);
        long deadline = System.currentTimeMillis() + 20_000;
        while (!"CANCELLED".equals(api.get("/api/v1/jobs/" + id, alice.token()).json().get("status").asString())) {
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(api.get("/api/v1/jobs?status=cancelled", alice.token()).json().get("items").values())
                .extracting(n -> n.get("id").asString()).containsExactly(id.toString());
        assertThat(api.post("/api/v1/jobs/" + id + "/cancel", "", alice.token()).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/jobs/" + id + "/retry", "", alice.token()).status()).isEqualTo(202);
        jobs.cancel(alice.id(), id);
        assertThat(api.get("/api/v1/jobs?status=sideways", alice.token()).status()).isEqualTo(400);
    }
}
