package dev.lightbox.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lightbox.support.TestJobHandlers;
import dev.lightbox.support.IntegrationTest;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The job event stream, read raw: event ids, resuming, and a client that stops reading. */
class JobStreamTest extends IntegrationTest {

    @Autowired JobService jobs;
    @Autowired JobEvents events;
    @Autowired JdbcTemplate jdbc;

    record User(UUID id, String token) {
    }

    private User user() {
        var api = api();
        String token = api.login(api.signUpNewUser(), USER_PASSWORD);
        return new User(UUID.fromString(api.get("/api/v1/auth/me", token).json().get("id").asString()), token);
    }

    private List<String> stream(User user, UUID job, String lastEventId) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/jobs/" + job + "/events"))
                .header("Authorization", "Bearer " + user.token()).timeout(Duration.ofSeconds(30));
        if (lastEventId != null) request.header("Last-Event-ID", lastEventId);
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().toList(); // the server ends the stream after the final state
    }

    private static List<Long> ids(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("id:")).map(l -> Long.parseLong(l.substring(3).trim())).toList();
    }

    @Test
    void everyEventHasARisingIdAndAReconnectGetsOnlyWhatIsNewer() throws Exception {
        User user = user();
        int listeners = events.listenerCount();
        UUID id = jobs.enqueue(JobRequest.of(TestJobHandlers.STEPS, user.id(), new TestJobHandlers.Steps(6, 150)));
        List<String> lines = stream(user, id, null);

        List<Long> ids = ids(lines);
        assertThat(ids).as("one id per event").hasSize((int) lines.stream().filter(l -> l.startsWith("event:")).count()).hasSizeGreaterThan(2);
        assertThat(ids).as("strictly rising").doesNotHaveDuplicates().isSorted();
        assertThat(lines).anyMatch(l -> l.startsWith("data:") && l.contains("\"message\":\"working on step 3 of 6\""));
        assertThat(lines.get(lines.size() - 4)).isEqualTo("id:" + ids.getLast());
        assertThat(lines.get(lines.size() - 3)).isEqualTo("event:end");
        assertThat(jobs.find(user.id(), id).orElseThrow().version()).isEqualTo(ids.getLast());

        assertThat(ids(stream(user, id, String.valueOf(ids.getLast())))).as("saw the end already: nothing to send").isEmpty();
        List<String> resumed = stream(user, id, String.valueOf(ids.getFirst()));
        assertThat(ids(resumed)).as("missed states collapse into the newest").containsExactly(ids.getLast());
        assertThat(resumed).contains("event:end");
        assertThat(ids(stream(user, id, "not-a-number"))).containsExactly(ids.getLast());
        await("every stream let go of its subscription").atMost(Duration.ofSeconds(5)).until(() -> events.listenerCount() == listeners);
    }

    @Test
    void aClientThatStopsReadingDelaysNoOtherJob() throws Exception {
        User user = user();
        UUID watched = jobs.enqueue(JobRequest.of(TestJobHandlers.GPU_STEPS, user.id(), new TestJobHandlers.Steps(3000, 20)));
        await().atMost(Duration.ofSeconds(20)).until(() -> jobs.find(user.id(), watched).orElseThrow().status() == JobStatus.RUNNING);
        int listeners = events.listenerCount();
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("localhost", port));
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /api/v1/jobs/" + watched + "/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                    + "Authorization: Bearer " + user.token() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush(); // and never read
            await().atMost(Duration.ofSeconds(10)).until(() -> events.listenerCount() > listeners);

            // far more changes of the watched job than the socket buffers hold
            jdbc.queryForObject("""
                    select count(pg_notify('lightbox_job_events', json_build_object('id', cast(? as uuid), 'ownerId', cast(? as uuid),
                        'type', 'test.gpu-steps', 'status', 'RUNNING', 'progress', 0.5, 'step', 'burst', 'message', repeat('x', 280) || n,
                        'subjectId', null, 'version', 1000000000000 + n)::text))
                    from generate_series(1, 30000) n""", Long.class, watched, user.id());

            var seen = new CopyOnWriteArrayList<JobEvent>();
            try (var subscription = events.subscribe(e -> { if (!e.id().equals(watched)) seen.add(e); })) {
                UUID other = jobs.enqueue(JobRequest.of(TestJobHandlers.STEPS, user.id(), new TestJobHandlers.Steps(1, 0)));
                await().atMost(Duration.ofSeconds(5)).until(() -> seen.stream().anyMatch(e -> e.id().equals(other) && e.status() == JobStatus.SUCCEEDED));
            }
        } finally {
            jobs.cancel(user.id(), watched);
        }
        await("the stalled stream let go once its client left").atMost(Duration.ofSeconds(30)).until(() -> events.listenerCount() == listeners);
    }
}
