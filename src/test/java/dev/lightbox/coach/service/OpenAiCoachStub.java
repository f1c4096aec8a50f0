package dev.lightbox.coach.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAI-compatible server on loopback speaking streamed {@code POST /v1/chat/completions} as OpenAI documents it
 * (https://platform.openai.com/docs/api-reference/chat/create and …/chat-streaming): with {@code "stream": true} it
 * answers {@code text/event-stream}, one {@code data: {chat.completion.chunk}} event per piece, then
 * {@code data: [DONE]}. A request whose last message is not a tool result gets the scripted tool calls (streamed as
 * {@code tool_calls} deltas, the arguments split over two chunks, {@code finish_reason: "tool_calls"}); one after the
 * tool results gets the scripted text in several chunks. {@link Mode#HANG} never answers (until closed). Every request
 * body is recorded.
 */
final class OpenAiCoachStub implements AutoCloseable {

    enum Mode { SCRIPT, HANG }

    /** A tool call the stub's model makes: the tool's name and its JSON arguments. */
    record Call(String name, String arguments) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Mode mode = Mode.SCRIPT;
    private volatile List<Call> calls = List.of();
    private volatile List<String> pieces = List.of();

    OpenAiCoachStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    /** The base URL as LIGHTBOX_COACH_LLM_URL takes it, with {@code /v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Scripts the next conversation: first these tool calls, then the answer in these pieces. Forgets what was received. */
    void script(List<Call> toolCalls, List<String> answerPieces) {
        calls = List.copyOf(toolCalls);
        pieces = List.copyOf(answerPieces);
        mode = Mode.SCRIPT;
        received.clear();
    }

    /** Accepts requests and never answers them. */
    void hang() {
        mode = Mode.HANG;
        received.clear();
    }

    List<JsonNode> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            if (!exchange.getRequestMethod().equals("POST")) {
                send(exchange, 405, "{\"error\":{\"message\":\"POST only\",\"type\":\"invalid_request_error\"}}");
                return;
            }
            JsonNode body = JSON.readTree(in.readAllBytes());
            received.add(body);
            if (mode == Mode.HANG) {
                closing.await(60, TimeUnit.SECONDS); // far past the caller's timeout: it must give up first
                return;
            }
            if (!body.path("stream").asBoolean(false)) {
                send(exchange, 400, "{\"error\":{\"message\":\"this stub streams only\",\"type\":\"invalid_request_error\"}}");
                return;
            }
            JsonNode messages = body.get("messages");
            boolean afterTools = "tool".equals(messages.get(messages.size() - 1).path("role").asString());
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            String model = body.path("model").asString();
            event(out, chunk(model, Map.of("role", "assistant", "content", ""), null));
            if (afterTools || calls.isEmpty()) {
                for (String piece : pieces) event(out, chunk(model, Map.of("content", piece), null));
                event(out, chunk(model, Map.of(), "stop"));
            } else {
                for (int i = 0; i < calls.size(); i++) {
                    Call call = calls.get(i);
                    String args = call.arguments();
                    int half = args.length() / 2;
                    event(out, chunk(model, Map.of("tool_calls", List.of(Map.of("index", i, "id", "call_" + i, "type", "function",
                            "function", Map.of("name", call.name(), "arguments", args.substring(0, half))))), null));
                    event(out, chunk(model, Map.of("tool_calls", List.of(Map.of("index", i,
                            "function", Map.of("arguments", args.substring(half))))), null));
                }
                event(out, chunk(model, Map.of(), "tool_calls"));
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String chunk(String model, Map<String, Object> delta, @org.jspecify.annotations.Nullable String finishReason) {
        var choice = new LinkedHashMap<String, Object>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("logprobs", null);
        choice.put("finish_reason", finishReason);
        var chunk = new LinkedHashMap<String, Object>();
        chunk.put("id", "chatcmpl-stub");
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", 1_760_000_000L);
        chunk.put("model", model);
        chunk.put("choices", new ArrayList<>(List.of(choice)));
        return JSON.writeValueAsString(chunk);
    }

    private static void event(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
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
