package dev.lightbox.sync.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers items into calls of at most {@code maxItems} items and {@link #MAX_BODY_BYTES} bytes and sends
 * each: an accepted call marks its items sent (committed at once), a call the server found problems in
 * fails the items named by them and sends the rest again (nothing of the call was stored), a call too
 * large is split. Once the server stays unreachable past the client's patience, the rest is not tried.
 */
final class BatchSender {

    /** Below the server's 8 MB (decimal or binary) limit with room for the envelope. */
    static final int MAX_BODY_BYTES = 7_900_000;

    record Item(Path path, String sha256, String json) {
        int bytes() {
            return json.getBytes(StandardCharsets.UTF_8).length + 1;
        }
    }

    private final SyncServer server;
    private final String serverKey;
    private final int analyzerVersion;
    private final int maxItems;
    private final LocalCache cache;
    private final Summary summary;
    private final Clock clock;
    private final SyncCommand.BatchListener listener;
    private final List<Item> pending = new ArrayList<>();
    private int pendingBytes;
    private int calls;
    private long bytesSent;
    private int itemsSent;
    private String unreachable = "";

    BatchSender(SyncServer server, String serverKey, int analyzerVersion, int maxItems, LocalCache cache, Summary summary, Clock clock,
                SyncCommand.BatchListener listener) {
        this.server = server;
        this.serverKey = serverKey;
        this.analyzerVersion = analyzerVersion;
        this.maxItems = maxItems;
        this.cache = cache;
        this.summary = summary;
        this.clock = clock;
        this.listener = listener;
    }

    void add(Item item) throws IOException {
        if (pending.size() >= maxItems || pendingBytes + item.bytes() > MAX_BODY_BYTES) flush();
        pending.add(item);
        pendingBytes += item.bytes();
    }

    void flush() throws IOException {
        if (pending.isEmpty()) return;
        List<Item> batch = List.copyOf(pending);
        pending.clear();
        pendingBytes = 0;
        send(batch, true);
    }

    long bytesSent() {
        return bytesSent;
    }

    int itemsSent() {
        return itemsSent;
    }

    private void send(List<Item> batch, boolean mayResend) throws IOException {
        if (!unreachable.isEmpty()) {
            batch.forEach(item -> summary.fail(item.path(), "not sent: " + unreachable));
            return;
        }
        String body = body(batch);
        SyncServer.Reply reply;
        try {
            reply = server.send(body);
        } catch (SyncServer.UnreachableException e) {
            unreachable = String.valueOf(e.getMessage());
            batch.forEach(item -> summary.fail(item.path(), "not sent: " + unreachable));
            return;
        }
        switch (reply) {
            case SyncServer.Accepted accepted -> {
                var now = clock.instant();
                for (Item item : batch) cache.rememberSent(serverKey, item.sha256(), analyzerVersion, now);
                cache.commit();
                summary.synced += batch.size();
                bytesSent += body.getBytes(StandardCharsets.UTF_8).length;
                itemsSent += batch.size();
                listener.acknowledged(++calls, batch.size());
            }
            case SyncServer.Invalid invalid -> rejected(batch, invalid.problems(), mayResend);
            case SyncServer.TooLarge tooLarge -> {
                if (batch.size() == 1) {
                    summary.fail(batch.getFirst().path(), "the server refused the item as too large");
                } else {
                    send(batch.subList(0, batch.size() / 2), mayResend);
                    send(batch.subList(batch.size() / 2, batch.size()), mayResend);
                }
            }
            case SyncServer.Refused refused -> batch.forEach(item -> summary.fail(item.path(),
                    "the server refused the call (" + refused.status() + "): " + refused.detail()));
        }
    }

    private void rejected(List<Item> batch, List<SyncServer.Problem> problems, boolean mayResend) throws IOException {
        Map<Integer, List<String>> byItem = new HashMap<>();
        List<String> callProblems = new ArrayList<>();
        for (SyncServer.Problem p : problems) {
            if (p.index() != null && p.index() >= 0 && p.index() < batch.size()) byItem.computeIfAbsent(p.index(), i -> new ArrayList<>()).add(p.describe());
            else callProblems.add(p.describe());
        }
        if (!callProblems.isEmpty() || byItem.isEmpty() || !mayResend) {
            String reason = "the server refused the call: " + String.join("; ", callProblems.isEmpty() ? all(byItem) : callProblems);
            for (int i = 0; i < batch.size(); i++) {
                List<String> own = byItem.get(i);
                summary.fail(batch.get(i).path(), own == null ? reason : "the server refused it: " + String.join("; ", own));
            }
            return;
        }
        List<Item> rest = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            List<String> own = byItem.get(i);
            if (own == null) rest.add(batch.get(i));
            else summary.fail(batch.get(i).path(), "the server refused it: " + String.join("; ", own));
        }
        if (!rest.isEmpty()) send(rest, false);
    }

    private static List<String> all(Map<Integer, List<String>> byItem) {
        return byItem.values().stream().flatMap(List::stream).toList();
    }

    private static String body(List<Item> batch) {
        StringBuilder body = new StringBuilder("{\"items\":[");
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) body.append(',');
            body.append(batch.get(i).json());
        }
        return body.append("]}").toString();
    }
}
