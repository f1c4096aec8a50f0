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

    /** The handshake's answer: {@code GET /api/v1/sync/info}. */
    record Info(int analyzerVersion, int maxItems, String userId) {
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
        HttpResponse<String> response = exchange(request("/api/v1/sync/info").GET().build());
        int status = response.statusCode();
        if (status == 401 || status == 403) throw new TokenRefusedException();
        if (status == 404) throw new IOException("The server at " + server + " has no sync API (is it a Lightbox server with attribute sync?).");
        if (status != 200) throw new IOException("The server answered " + status + " to the handshake: " + detail(response));
        try {
            JsonNode body = json.readTree(response.body());
            return new Info(body.path("analyzerVersion").asInt(-1), body.path("maxItems").asInt(SyncArguments.MAX_BATCH),
                    body.path("userId").asString(""));
        } catch (JacksonException e) {
            throw new IOException("The server's handshake answer is not JSON: is " + server + " a Lightbox server?", e);
        }
    }

    Reply send(String body) throws IOException {
        HttpResponse<String> response = exchange(request("/api/v1/sync/attributes")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
        int status = response.statusCode();
        if (status == 200) {
            JsonNode answer = json.readTree(response.body());
            return new Accepted(answer.path("created").asInt(0), answer.path("updated").asInt(0), answer.path("unchanged").asInt(0));
        }
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

    /** Sends until an answer that is not worth retrying arrives, or the patience runs out. */
    private HttpResponse<String> exchange(HttpRequest request) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        for (int attempt = 0; ; attempt++) {
            String trouble;
            Duration wait = backoff(attempt);
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status != 429 && status < 500) return response;
                trouble = "the server answered " + status;
                Optional<Duration> retryAfter = retryAfter(response);
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

    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> value = response.headers().firstValue("Retry-After").map(String::strip);
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

    private String detail(HttpResponse<String> response) {
        try {
            JsonNode problem = json.readTree(response.body());
            String detail = problem.path("detail").asString("");
            if (!detail.isBlank()) return detail;
            String title = problem.path("title").asString("");
            if (!title.isBlank()) return title;
        } catch (JacksonException notJson) {
            // fall through: the status says enough
        }
        return "HTTP " + response.statusCode();
    }
}
