package dev.lightbox.vision;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAI-compatible server on loopback speaking {@code POST /v1/chat/completions} as OpenAI documents it
 * (https://platform.openai.com/docs/api-reference/chat/create): it records every request and answers as the
 * current {@link Behaviour} says.
 */
final class ChatCompletionsStub implements AutoCloseable {

    enum Behaviour { OK, SERVER_ERROR, SLOW, INVALID_THEN_VALID, INVALID_ALWAYS }

    static final String CAPTION = "A red kayak drifting on a glacier lake at dawn";
    static final List<String> TAGS = List.of("kayak", "Glacier", "lake", "dawn");
    static final int AESTHETIC = 8;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request as received: its parsed body and its Authorization header. */
    record Received(JsonNode body, @Nullable String authorization) {

        /** The {@code data:} URL of the image part of the user message. */
        String imageUrl() {
            for (JsonNode message : body.get("messages")) {
                JsonNode content = message.get("content");
                if (content == null || !content.isArray()) continue;
                for (JsonNode part : content) {
                    if ("image_url".equals(part.path("type").asString())) return part.get("image_url").get("url").asString();
                }
            }
            throw new AssertionError("no image part in " + body);
        }

        byte[] imageBytes() {
            String url = imageUrl();
            String prefix = "data:image/jpeg;base64,";
            if (!url.startsWith(prefix)) throw new AssertionError("not a JPEG data URL: " + url.substring(0, Math.min(40, url.length())));
            return Base64.getDecoder().decode(url.substring(prefix.length()));
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger callsSinceReset = new AtomicInteger();
    private final java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);
    private volatile Behaviour behaviour = Behaviour.OK;

    ChatCompletionsStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    /** The base URL as LIGHTBOX_VISION_URL takes it, with {@code /v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Switches the behaviour and forgets what was received. */
    void reset(Behaviour next) {
        behaviour = next;
        received.clear();
        callsSinceReset.set(0);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            answer(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answer(HttpExchange exchange) throws IOException, InterruptedException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            if (!exchange.getRequestMethod().equals("POST")) {
                send(exchange, 405, "{\"error\":{\"message\":\"POST only\",\"type\":\"invalid_request_error\"}}");
                return;
            }
            JsonNode body = JSON.readTree(in.readAllBytes());
            received.add(new Received(body, exchange.getRequestHeaders().getFirst("Authorization")));
            int call = callsSinceReset.incrementAndGet();
            switch (behaviour) {
                case OK -> send(exchange, 200, completion(body, validAnswer()));
                case SERVER_ERROR -> send(exchange, 500, "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}");
                case SLOW -> {
                    closing.await(12, java.util.concurrent.TimeUnit.SECONDS); // longer than the app's timeout: it must give up first
                    send(exchange, 200, completion(body, validAnswer()));
                }
                case INVALID_THEN_VALID -> send(exchange, 200, completion(body, call == 1 ? "Sure! Here is a description: a kayak." : validAnswer()));
                case INVALID_ALWAYS -> send(exchange, 200, completion(body, call % 2 == 1 ? "I think it is a kayak." : "{\"caption\": \"a kayak\"}"));
            }
        }
    }

    private static String validAnswer() {
        return JSON.writeValueAsString(Map.of("caption", CAPTION, "subjects", List.of("kayak", "lake"), "setting", "glacier lake",
                "mood", "calm", "tags", TAGS, "aesthetic", AESTHETIC));
    }

    /** A chat.completion object with one choice whose message content is {@code content}. */
    private static String completion(JsonNode request, String content) {
        var message = new java.util.LinkedHashMap<String, Object>();
        message.put("role", "assistant");
        message.put("content", content);
        message.put("refusal", null);
        var choice = new java.util.LinkedHashMap<String, Object>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("logprobs", null);
        choice.put("finish_reason", "stop");
        return JSON.writeValueAsString(Map.of("id", "chatcmpl-stub", "object", "chat.completion", "created", 1_760_000_000L,
                "model", request.path("model").asString(), "choices", List.of(choice),
                "usage", Map.of("prompt_tokens", 300, "completion_tokens", 60, "total_tokens", 360)));
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
