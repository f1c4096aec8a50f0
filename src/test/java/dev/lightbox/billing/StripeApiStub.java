package dev.lightbox.billing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;

/**
 * The part of the Stripe API Lightbox calls, on 127.0.0.1, written from docs.stripe.com/api/checkout/sessions/create:
 * {@code POST /v1/checkout/sessions} with a form-encoded body (nested parameters as {@code line_items[0][price_data][currency]})
 * and {@code Authorization: Bearer <secret key>}; it answers a Checkout Session object. A wrong key answers 401 as Stripe
 * does. Tests read what the client sent and can make the next calls fail with a status of their choice.
 */
public final class StripeApiStub implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request: its form fields, its Authorization and Idempotency-Key headers. */
    public record Call(String method, String path, Map<String, String> fields, String authorization, String idempotencyKey) {
    }

    private final String secretKey;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory());
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile int failWith;

    public StripeApiStub(String secretKey) throws IOException {
        this.secretKey = secretKey;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Every call from now on answers this status with a Stripe error object (0: answer normally). */
    public void failWith(int status) {
        failWith = status;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            var call = new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), form(new String(body, StandardCharsets.UTF_8)),
                    authorization, String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")));
            calls.add(call);
            if (!authorization.equals("Bearer " + secretKey)) {
                error(exchange, 401, "invalid_request_error", "Invalid API Key provided.");
            } else if (failWith != 0) {
                error(exchange, failWith, "api_error", "Something went wrong on Stripe's end.");
            } else if (call.method().equals("POST") && call.path().equals("/v1/checkout/sessions")) {
                respond(exchange, 200, session(call.fields()));
            } else {
                error(exchange, 404, "invalid_request_error", "Unrecognized request URL (" + call.method() + ": " + call.path() + ").");
            }
        }
    }

    /** A Checkout Session as the API reference shows it, built from what was asked. */
    private static Map<String, Object> session(Map<String, String> fields) {
        String id = "cs_test_" + UUID.randomUUID().toString().replace("-", "");
        long amount = Long.parseLong(fields.getOrDefault("line_items[0][price_data][unit_amount]", "0"))
                * Long.parseLong(fields.getOrDefault("line_items[0][quantity]", "1"));
        Map<String, String> metadata = new LinkedHashMap<>();
        fields.forEach((key, value) -> {
            if (key.startsWith("metadata[")) metadata.put(key.substring("metadata[".length(), key.length() - 1), value);
        });
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("id", id);
        session.put("object", "checkout.session");
        session.put("amount_subtotal", amount);
        session.put("amount_total", amount);
        session.put("cancel_url", fields.get("cancel_url"));
        session.put("client_reference_id", fields.get("client_reference_id"));
        session.put("created", now);
        session.put("currency", fields.get("line_items[0][price_data][currency]"));
        session.put("customer", null);
        session.put("expires_at", now + 24 * 3600);
        session.put("livemode", false);
        session.put("metadata", metadata);
        session.put("mode", fields.get("mode"));
        session.put("payment_intent", null);
        session.put("payment_status", "unpaid");
        session.put("status", "open");
        session.put("success_url", fields.get("success_url"));
        session.put("url", "https://checkout.stripe.com/c/pay/" + id);
        return session;
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        respond(exchange, status, Map.of("error", Map.of("type", type, "message", message)));
    }

    private static void respond(HttpExchange exchange, int status, Object json) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(json);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", "req_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (text.isEmpty()) return fields;
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
