package dev.lightbox.telegram;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Telegram Bot API on 127.0.0.1, written from the public docs (core.telegram.org/bots/api) for the calls the
 * bot makes: getMe, getUpdates (long polling: offset confirms earlier updates, timeout waits for new ones),
 * getFile, the file download {@code /file/bot<token>/<file_path>}, sendMessage, sendPhoto (multipart),
 * setWebhook and deleteWebhook. Method names match case-insensitively, as the Bot API's do. Requests with
 * another token answer 401 like Telegram. Tests queue incoming messages and read what the bot sent.
 */
final class BotApiStub implements AutoCloseable {

    static final String BOT_USERNAME = "lightbox_test_bot";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Something the bot sent to a chat: a text message or a photo (its bytes and caption). */
    record Sent(long chatId, String method, String text, byte[] photo, long atNanos) {
        boolean isPhoto() {
            return method.equals("sendphoto");
        }
    }

    record Call(String method, Map<String, String> fields, Instant at) {
    }

    private record StoredFile(String path, byte[] bytes, long reportedSize, boolean tooBigForBots, boolean gone) {
        StoredFile(String path, byte[] bytes, long reportedSize, boolean tooBigForBots) {
            this(path, bytes, reportedSize, tooBigForBots, false);
        }
    }

    private final String token;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory());
    private final List<Map<String, Object>> pending = new ArrayList<>();
    private final AtomicLong nextUpdateId = new AtomicLong(1000);
    private final AtomicInteger nextMessageId = new AtomicInteger(1);
    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> downloads = new CopyOnWriteArrayList<>();
    private final AtomicInteger failGetUpdates = new AtomicInteger();
    /** Like Telegram after a lost confirmation: getUpdates with a lower offset returns updates handled already. */
    private volatile boolean keepConfirmed;

    BotApiStub(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // ---- what tests do

    long queueText(long chatId, String text) {
        var message = message(chatId);
        message.put("text", text);
        if (text.startsWith("/")) {
            int end = text.indexOf(' ') < 0 ? text.length() : text.indexOf(' ');
            message.put("entities", List.of(Map.of("type", "bot_command", "offset", 0, "length", end)));
        }
        return queue(message);
    }

    /** A photo as Telegram delivers one: several sizes, the largest last; the small one here is not an image at all. */
    long queuePhoto(long chatId, byte[] jpeg, int width, int height) {
        String id = "photo-" + nextMessageId.get() + "-" + System.nanoTime();
        files.put(id + "-small", new StoredFile("photos/" + id + "-small.jpg", "not the largest size".getBytes(StandardCharsets.UTF_8), 20, false));
        files.put(id, new StoredFile("photos/" + id + ".jpg", jpeg, jpeg.length, false));
        var message = message(chatId);
        message.put("photo", List.of(
                Map.of("file_id", id + "-small", "file_unique_id", "u" + id + "s", "width", 90, "height", 90, "file_size", 20),
                Map.of("file_id", id, "file_unique_id", "u" + id, "width", width, "height", height, "file_size", jpeg.length)));
        return queue(message);
    }

    /** A file sent as a document; {@code reportedSize} is what Telegram says its size is (it may be beyond what bots may fetch). */
    long queueDocument(long chatId, String name, String mimeType, byte[] bytes, long reportedSize) {
        String id = "doc-" + nextMessageId.get() + "-" + System.nanoTime();
        files.put(id, new StoredFile("documents/" + id, bytes, reportedSize, reportedSize > 20L * 1024 * 1024));
        var message = message(chatId);
        message.put("document", Map.of("file_id", id, "file_unique_id", "u" + id, "file_name", name, "mime_type", mimeType, "file_size", reportedSize));
        return queue(message);
    }

    /** A document getFile knows but whose download answers 404 (Telegram's file links can expire). */
    long queueVanishedDocument(long chatId) {
        String id = "gone-" + nextMessageId.get() + "-" + System.nanoTime();
        files.put(id, new StoredFile("documents/" + id, new byte[0], 1000, false, true));
        var message = message(chatId);
        message.put("document", Map.of("file_id", id, "file_unique_id", "u" + id, "file_name", "gone.jpg", "mime_type", "image/jpeg", "file_size", 1000));
        return queue(message);
    }

    /** An update as Telegram would post it to a webhook (not queued for getUpdates). */
    String textUpdateJson(long chatId, String text) {
        var message = message(chatId);
        message.put("text", text);
        return JSON.writeValueAsString(Map.of("update_id", nextUpdateId.getAndIncrement(), "message", message));
    }

    void failNextGetUpdates(int times) {
        failGetUpdates.set(times);
    }

    void keepConfirmedUpdates(boolean keep) {
        keepConfirmed = keep;
    }

    List<Sent> sentTo(long chatId) {
        return sent.stream().filter(s -> s.chatId() == chatId).toList();
    }

    List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method.toLowerCase(Locale.ROOT))).toList();
    }

    List<String> downloads() {
        return List.copyOf(downloads);
    }

    // ---- the API

    private LinkedHashMap<String, Object> message(long chatId) {
        var message = new LinkedHashMap<String, Object>();
        message.put("message_id", nextMessageId.getAndIncrement());
        message.put("date", Instant.now().getEpochSecond());
        message.put("chat", Map.of("id", chatId, "type", "private", "first_name", "Test"));
        message.put("from", Map.of("id", chatId, "is_bot", false, "first_name", "Test", "username", "tester" + Math.abs(chatId % 1000)));
        return message;
    }

    private synchronized long queue(Map<String, Object> message) {
        long id = nextUpdateId.getAndIncrement();
        var update = new LinkedHashMap<String, Object>();
        update.put("update_id", id);
        update.put("message", message);
        pending.add(update);
        notifyAll();
        return id;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith("/file/bot")) {
                download(exchange, path.substring("/file/bot".length()));
                return;
            }
            if (!path.startsWith("/bot")) {
                reply(exchange, 404, error(404, "Not Found"));
                return;
            }
            String rest = path.substring(4);
            int slash = rest.indexOf('/');
            if (slash < 0 || !rest.substring(0, slash).equals(token)) {
                reply(exchange, 401, error(401, "Unauthorized"));
                return;
            }
            String method = rest.substring(slash + 1).toLowerCase(Locale.ROOT);
            Map<String, Object> fields = fields(exchange);
            var text = new LinkedHashMap<String, String>();
            fields.forEach((k, v) -> text.put(k, v instanceof byte[] ? "<" + ((byte[]) v).length + " bytes>" : String.valueOf(v)));
            calls.add(new Call(method, text, Instant.now()));
            switch (method) {
                case "getme" -> ok(exchange, Map.of("id", 4242, "is_bot", true, "first_name", "Lightbox", "username", BOT_USERNAME));
                case "getupdates" -> getUpdates(exchange, fields);
                case "getfile" -> getFile(exchange, String.valueOf(fields.get("file_id")));
                case "sendmessage" -> {
                    long chatId = Long.parseLong(String.valueOf(fields.get("chat_id")));
                    sent.add(new Sent(chatId, method, String.valueOf(fields.get("text")), new byte[0], System.nanoTime()));
                    var message = message(chatId);
                    message.put("text", fields.get("text"));
                    ok(exchange, message);
                }
                case "sendphoto" -> {
                    long chatId = Long.parseLong(String.valueOf(fields.get("chat_id")));
                    Object photo = fields.get("photo");
                    // "attach://<name>": the file is the multipart part of that name (how the Bot API takes uploads)
                    if (photo instanceof String ref && ref.startsWith("attach://")) photo = fields.get(ref.substring("attach://".length()));
                    byte[] bytes = photo instanceof byte[] b ? b : new byte[0];
                    String caption = fields.get("caption") == null ? "" : String.valueOf(fields.get("caption"));
                    sent.add(new Sent(chatId, method, caption, bytes, System.nanoTime()));
                    var message = message(chatId);
                    message.put("photo", List.of(Map.of("file_id", "sent", "file_unique_id", "sent", "width", 1, "height", 1)));
                    ok(exchange, message);
                }
                case "setwebhook", "deletewebhook" -> ok(exchange, true);
                default -> reply(exchange, 404, error(404, "Not Found: method not found"));
            }
        } catch (RuntimeException e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private void getUpdates(HttpExchange exchange, Map<String, Object> fields) throws IOException {
        if (failGetUpdates.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            reply(exchange, 502, error(502, "Bad Gateway"));
            return;
        }
        long offset = fields.get("offset") == null ? 0 : Long.parseLong(String.valueOf(fields.get("offset")));
        long timeoutMs = fields.get("timeout") == null ? 0 : Long.parseLong(String.valueOf(fields.get("timeout"))) * 1000;
        int limit = fields.get("limit") == null ? 100 : Integer.parseInt(String.valueOf(fields.get("limit")));
        List<Map<String, Object>> answer;
        synchronized (this) {
            if (!keepConfirmed) pending.removeIf(u -> ((Number) u.get("update_id")).longValue() < offset);
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (from(offset).isEmpty() && System.currentTimeMillis() < deadline) {
                try {
                    wait(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            answer = from(offset).stream().limit(limit).toList();
        }
        ok(exchange, answer);
    }

    private List<Map<String, Object>> from(long offset) {
        return pending.stream().filter(u -> ((Number) u.get("update_id")).longValue() >= offset).toList();
    }

    private void getFile(HttpExchange exchange, String fileId) throws IOException {
        StoredFile file = files.get(fileId);
        if (file == null) {
            reply(exchange, 400, error(400, "Bad Request: invalid file_id"));
        } else if (file.tooBigForBots()) {
            reply(exchange, 400, error(400, "Bad Request: file is too big"));
        } else {
            ok(exchange, Map.of("file_id", fileId, "file_unique_id", "u" + fileId, "file_size", file.reportedSize(), "file_path", file.path()));
        }
    }

    private void download(HttpExchange exchange, String rest) throws IOException {
        int slash = rest.indexOf('/');
        if (slash < 0 || !rest.substring(0, slash).equals(token)) {
            reply(exchange, 401, error(401, "Unauthorized"));
            return;
        }
        String path = rest.substring(slash + 1);
        downloads.add(path);
        var file = files.values().stream().filter(f -> f.path().equals(path) && !f.gone()).findFirst();
        if (file.isEmpty()) {
            reply(exchange, 404, error(404, "Not Found"));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, file.get().bytes().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(file.get().bytes());
        }
    }

    // ---- requests: JSON, multipart/form-data or a query string, as the Bot API takes them

    private static Map<String, Object> fields(HttpExchange exchange) throws IOException {
        var fields = new LinkedHashMap<String, Object>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) fields.putAll(form(query));
        byte[] body = exchange.getRequestBody().readAllBytes();
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        type = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json") && body.length > 0) {
            JsonNode json = JSON.readTree(body);
            for (var entry : json.properties()) {
                fields.put(entry.getKey(), entry.getValue().isValueNode() ? entry.getValue().asString() : entry.getValue().toString());
            }
        } else if (type.startsWith("multipart/form-data")) {
            String boundary = exchange.getRequestHeaders().getFirst("Content-Type").replaceFirst("(?i).*boundary=\"?([^\";]+)\"?.*", "$1");
            fields.putAll(multipart(body, boundary));
        } else if (type.startsWith("application/x-www-form-urlencoded")) {
            fields.putAll(form(new String(body, StandardCharsets.UTF_8)));
        }
        return fields;
    }

    private static Map<String, Object> form(String text) {
        var fields = new LinkedHashMap<String, Object>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            fields.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    /** Parts with a filename keep their bytes; the others become text. */
    static Map<String, Object> multipart(byte[] body, String boundary) {
        var fields = new LinkedHashMap<String, Object>();
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') break;
            start += 2; // CRLF
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            if (headersEnd < 0) break;
            String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), headersEnd + 4);
            if (next < 0) break;
            byte[] content = java.util.Arrays.copyOfRange(body, headersEnd + 4, next);
            String name = headers.replaceFirst("(?is).*?\\bname=\"([^\"]*)\".*", "$1");
            boolean file = headers.toLowerCase(Locale.ROOT).contains("filename=");
            fields.put(name, file ? content : new String(content, StandardCharsets.UTF_8));
            at = next + 2;
        }
        return fields;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) if (data[i + j] != pattern[j]) continue outer;
            return i;
        }
        return -1;
    }

    private static void ok(HttpExchange exchange, Object result) throws IOException {
        reply(exchange, 200, Map.of("ok", true, "result", result));
    }

    private static Map<String, Object> error(int code, String description) {
        return Map.of("ok", false, "error_code", code, "description", description);
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            notifyAll();
        }
        server.stop(0);
        threads.shutdownNow();
    }
}
