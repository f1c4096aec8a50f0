package dev.lightbox.sync.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server's sync API over {@link HttpClient}. Connection failures, timeouts, 5xx and 429 are retried with
 * exponential backoff and jitter (a 429's or 503's Retry-After is honoured) for up to {@code patience}, long
 * enough to ride out a server restart; the token only ever travels in the Authorization header.
 */
final class SyncServer {

    static final Duration DEFAULT_PATIENCE = Duration.ofMinutes(2);
    private static final Duration FIRST_WAIT = Duration.ofMillis(250);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(8);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** The most of an answer read: the API's answers are small; anything longer is not the API speaking. */
    static final int MAX_ANSWER_BYTES = 1024 * 1024;

    /** An answer read with a size bound; {@code cut} when the body was longer than {@link #MAX_ANSWER_BYTES}. */
    private record Answer(int status, String body, boolean cut, java.net.http.HttpHeaders headers) {
    }

    /** The handshake's answer: {@code GET /api/v1/sync/info}; limits and detector are absent (0, null) from servers that do not say them. */
    record Info(int analyzerVersion, int maxItems, String userId, long maxBytes, long maxPixels, @Nullable String faceDetector) {
    }

    /** One problem the server found in a call; {@code index} is the item's position, null for the call as a whole. */
    record Problem(@Nullable Integer index, @Nullable String field, String problem) {
        String describe() {
            return field == null || field.isBlank() ? problem : field + ": " + problem;
        }
    }

    sealed interface Reply {
    }

    record Accepted(int created, int updated, int unchanged) implements Reply {
    }

    record Invalid(List<Problem> problems) implements Reply {
    }

    record TooLarge() implements Reply {
    }

    record Refused(int status, String detail) implements Reply {
    }

    /** The server gave no usable answer within the patience. */
    static final class UnreachableException extends IOException {
        UnreachableException(String message) {
            super(message);
        }
    }

    /** The server refused the token (401 or 403). */
    static final class TokenRefusedException extends IOException {
        TokenRefusedException() {
            super("The server refused the token (is it an API token of this server, and not revoked?).");
        }
    }

    private final URI server;
    private final String token;
    private final Duration patience;
    private final Consumer<String> notices;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    SyncServer(URI server, String token, Duration patience, Consumer<String> notices) {
        this.server = server;
        this.token = token;
        this.patience = patience;
        this.notices = notices;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Info info() throws IOException {
        Answer response = exchange(request("/api/v1/sync/info").GET().build());
        int status = response.status();
        if (status == 401 || status == 403) throw new TokenRefusedException();
        if (status == 404) throw new IOException("The server at " + server + " has no sync API (is it a Lightbox server with attribute sync?).");
        if (status != 200) throw new IOException("The server answered " + status + " to the handshake: " + detail(response));
        try {
            JsonNode body = json.readTree(response.body());
            return new Info(body.path("analyzerVersion").asInt(-1), body.path("maxItems").asInt(SyncArguments.MAX_BATCH),
                    body.path("userId").asString(""), body.path("maxBytes").asLong(0), body.path("maxPixels").asLong(0),
                    body.path("faceDetector").isString() ? body.path("faceDetector").asString() : null);
        } catch (JacksonException e) {
            throw new IOException("The server's handshake answer is not JSON: is " + server + " a Lightbox server?", e);
        }
    }

    Reply send(String body) throws IOException {
        Answer response = exchange(request("/api/v1/sync/attributes")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
        int status = response.status();
        if (status == 200) return accepted(response);
        if (status == 400) {
            List<Problem> problems = problems(response.body());
            if (!problems.isEmpty()) return new Invalid(problems);
        }
        if (status == 413) return new TooLarge();
        return new Refused(status, detail(response));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server + path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json, application/problem+json");
    }

    /** A 200 that is not the API's {created, updated, unchanged} is no acknowledgement: the batch is not marked as sent. */
    private Reply accepted(Answer response) {
        String notTheApi = "the answer is not the sync API's {created, updated, unchanged}; is " + server + " a Lightbox server (not a proxy's or login page)?";
        if (response.cut()) return new Refused(200, notTheApi);
        try {
            JsonNode answer = json.readTree(response.body());
            JsonNode created = answer.path("created");
            JsonNode updated = answer.path("updated");
            JsonNode unchanged = answer.path("unchanged");
            if (!created.isIntegralNumber() || !updated.isIntegralNumber() || !unchanged.isIntegralNumber()) return new Refused(200, notTheApi);
            return new Accepted(created.asInt(), updated.asInt(), unchanged.asInt());
        } catch (JacksonException notJson) {
            return new Refused(200, notTheApi);
        }
    }

    /** Sends until an answer that is not worth retrying arrives, or the patience runs out. */
    private Answer exchange(HttpRequest request) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        for (int attempt = 0; ; attempt++) {
            String trouble;
            Duration wait = backoff(attempt);
            try {
                Answer response = bounded(http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
                int status = response.status();
                if (status != 429 && status < 500) return response;
                trouble = "the server answered " + status;
                Optional<Duration> retryAfter = retryAfter(response.headers());
                if (retryAfter.isPresent()) wait = retryAfter.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (IOException e) {
                trouble = "no answer (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
            }
            if (System.nanoTime() + wait.toNanos() > deadline) {
                throw new UnreachableException("The server at " + server + " gave no usable answer for " + patience.toSeconds() + " s: " + trouble + ".");
            }
            notices.accept(trouble + "; trying again in " + Math.max(1, Math.round(wait.toMillis() / 1000.0)) + " s");
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    /** 250 ms doubling up to 8 s, each wait drawn between half and all of it so clients restarted together spread out. */
    static Duration backoff(int attempt) {
        long ceiling = Math.min(LONGEST_WAIT.toMillis(), FIRST_WAIT.toMillis() << Math.min(attempt, 10));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    private static Answer bounded(HttpResponse<java.io.InputStream> response) throws IOException {
        try (java.io.InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
            boolean cut = bytes.length > MAX_ANSWER_BYTES;
            String body = new String(bytes, 0, Math.min(bytes.length, MAX_ANSWER_BYTES), StandardCharsets.UTF_8);
            return new Answer(response.statusCode(), cut ? "" : body, cut, response.headers());
        }
    }

    static Optional<Duration> retryAfter(java.net.http.HttpHeaders headers) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::strip);
        if (value.isEmpty()) return Optional.empty();
        try {
            long seconds = Long.parseLong(value.get());
            return Optional.of(Duration.ofSeconds(Math.clamp(seconds, 0, 3600)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException neither) {
                return Optional.empty();
            }
        }
    }

    private List<Problem> problems(String body) {
        List<Problem> problems = new ArrayList<>();
        try {
            for (JsonNode p : json.readTree(body).path("problems")) {
                JsonNode index = p.path("index");
                problems.add(new Problem(index.isNumber() ? index.asInt() : null, p.path("field").isString() ? p.path("field").asString() : null,
                        p.path("problem").asString("invalid")));
            }
        } catch (JacksonException notJson) {
            return List.of();
        }
        return problems;
    }

    private String detail(Answer response) {
        try {
            JsonNode problem = json.readTree(response.body());
            String detail = problem.path("detail").asString("");
            if (!detail.isBlank()) return detail.length() > 500 ? detail.substring(0, 500) + "…" : detail;
            String title = problem.path("title").asString("");
            if (!title.isBlank()) return title;
        } catch (JacksonException notJson) {
            // fall through: the status says enough
        }
        return "HTTP " + response.status();
    }
}
