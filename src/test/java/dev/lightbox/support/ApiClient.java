package dev.lightbox.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import org.jspecify.annotations.Nullable;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small real HTTP client for the REST API: JSON in, JSON out, bearer tokens. */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public ApiClient(String base) {
        this.base = base;
    }

    public record Response(int status, String contentType, JsonNode json, String body, java.net.http.HttpHeaders headers) {
        public String detail() {
            return json.path("detail").asString("");
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Response post(String path, Object body, String token) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return send(request(path, token).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(text)));
    }

    public Response put(String path, Object body, String token) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return send(request(path, token).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(text)));
    }

    public Response post(String path, Object body) {
        return post(path, body, null);
    }

    /** POSTs as if a reverse proxy forwarded it from {@code clientAddress} (the app trusts X-Forwarded-For in tests). */
    public Response postFrom(String clientAddress, String path, Object body) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return send(request(path, null).header("Content-Type", "application/json").header("X-Forwarded-For", clientAddress)
                .POST(HttpRequest.BodyPublishers.ofString(text)));
    }

    public record Bytes(int status, java.net.http.HttpHeaders headers, byte[] body) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** POSTs {@code bytes} as multipart/form-data field {@code file}. */
    public Response upload(String filename, byte[] bytes, String token) {
        return upload("/api/v1/photos", filename, bytes, token);
    }

    /** POSTs {@code bytes} to {@code path} as multipart/form-data field {@code file}. */
    public Response upload(String path, String filename, byte[] bytes, String token) {
        String boundary = "lightbox-" + UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return send(request(path, token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    public Response delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    /** A DELETE with a JSON body (e.g. a password confirming an account's deletion). */
    public Response delete(String path, Object body, String token) {
        return deleteFrom(null, path, body, token);
    }

    /** A DELETE with a JSON body as if a reverse proxy forwarded it from {@code clientAddress} (none when null). */
    public Response deleteFrom(@Nullable String clientAddress, String path, Object body, String token) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        HttpRequest.Builder builder = request(path, token).header("Content-Type", "application/json");
        if (clientAddress != null) builder.header("X-Forwarded-For", clientAddress);
        return send(builder.method("DELETE", HttpRequest.BodyPublishers.ofString(text)));
    }

    /**
     * Deletes the photo forever: {@code DELETE /api/v1/photos/{id}} (into the trash), then out of the trash. Answers the
     * first request's response when it failed, else the second's.
     */
    public Response deleteForever(String photoId, String token) {
        Response trashed = delete("/api/v1/photos/" + photoId, token);
        return trashed.status() != 204 ? trashed : delete("/api/v1/trash/" + photoId, token);
    }

    public Bytes getBytes(String path, String token, String... headerPairs) {
        var builder = request(path, token).GET();
        for (int i = 0; i < headerPairs.length; i += 2) builder.header(headerPairs[i], headerPairs[i + 1]);
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Bytes(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the photo's renditions job has made its thumbnail (they are made on the cpu queue). */
    public Bytes awaitThumbnail(String photoId, String token) {
        return await("the thumbnail of " + photoId, Duration.ofSeconds(30),
                () -> getBytes("/api/v1/photos/" + photoId + "/thumbnail", token), thumbnail -> thumbnail.status() == 200);
    }

    /** Polls {@code read} until {@code done} holds (at most {@code atMost}); an exception thrown by either fails at once. */
    public static <T> T await(String what, Duration atMost, java.util.concurrent.Callable<T> read, java.util.function.Predicate<T> done) {
        return Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofMillis(50)).until(read, done::test);
    }

    /** Waits for the job to succeed; a job that fails or is cancelled fails the wait at once. */
    public JsonNode awaitJobSucceeded(String jobId, String token, Duration atMost) {
        return await("job " + jobId + " succeeds", atMost, () -> get("/api/v1/jobs/" + jobId, token).json(), job -> {
            String status = job.get("status").asString();
            if (status.equals("FAILED") || status.equals("CANCELLED")) throw new AssertionError("job " + jobId + " ended " + status + ": " + job);
            return status.equals("SUCCEEDED");
        });
    }

    /** Strong enough for the password check, shared by every account a test signs up. */
    public static final String USER_PASSWORD = "velvet-Compass-drizzle-31";

    /** Signs up a fresh USER and returns its email; its password is always {@link #USER_PASSWORD}. */
    public String signUpNewUser() {
        String email = "user-" + UUID.randomUUID() + "@lightbox.test";
        signUp(email, USER_PASSWORD);
        return email;
    }

    /** Signs up {@code email} with {@code password}, which must succeed. */
    public void signUp(String email, String password) {
        Response response = post("/api/v1/auth/signup", Map.of("email", email, "password", password));
        if (response.status() != 201) throw new AssertionError("signup of " + email + " failed: " + response.status() + " " + response.body());
    }

    /** A signed-up, logged-in USER: its id, email and login token (password {@link #USER_PASSWORD}). */
    public record User(UUID id, String email, String token) {
    }

    public User newUser() {
        String email = signUpNewUser();
        String token = login(email, USER_PASSWORD);
        return new User(UUID.fromString(get("/api/v1/auth/me", token).json().get("id").asString()), email, token);
    }

    public String login(String email, String password) {
        Response response = post("/api/v1/auth/login", Map.of("email", email, "password", password));
        if (response.status() != 200) throw new AssertionError("login failed: " + response.body());
        return response.json().get("token").asString();
    }

    private HttpRequest.Builder request(String path, String token) {
        var builder = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) builder.header("Authorization", "Bearer " + token);
        return builder;
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            JsonNode json = body.isBlank() ? JSON.nullNode() : parse(body);
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), json, body, response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            return JSON.nullNode();
        }
    }
}
