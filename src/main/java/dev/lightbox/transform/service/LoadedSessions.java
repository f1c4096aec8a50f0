package dev.lightbox.transform.service;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Loaded model sessions kept for reuse, at most {@code capacity}, the least recently used evicted first (a copy of
 * the training module's {@code LoadedModels}, which is package-private there). An evicted or removed model is closed (its native memory freed) as soon as no caller is still using it; {@link #close}
 * closes them all. One value loads at a time, outside the map's lock (callers of kept values do not wait).
 */
final class LoadedSessions<V extends AutoCloseable> implements AutoCloseable {

    interface Loader<V> {
        V load() throws Exception;
    }

    interface Use<V, R> {
        R apply(V value) throws Exception;
    }

    private static final class Entry<V extends AutoCloseable> {
        final V value;
        int users;
        boolean retired;

        Entry(V value) {
            this.value = value;
        }
    }

    private final int capacity;
    private final LinkedHashMap<String, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final Object loading = new Object();
    private boolean closed;

    LoadedSessions(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity: at least 1");
        this.capacity = capacity;
    }

    /** Runs {@code use} on the value under {@code key}, loading it first when it is not kept. */
    <R> R use(String key, Loader<V> loader, Use<V, R> use) throws Exception {
        Entry<V> entry = acquire(key, loader);
        try {
            return use.apply(entry.value);
        } finally {
            release(entry);
        }
    }

    /** Closes and forgets every kept value whose key {@code matches}. */
    void remove(Predicate<String> matches) {
        var retired = new ArrayList<V>();
        synchronized (entries) {
            for (Iterator<java.util.Map.Entry<String, Entry<V>>> it = entries.entrySet().iterator(); it.hasNext(); ) {
                var next = it.next();
                if (matches.test(next.getKey())) {
                    it.remove();
                    retire(next.getValue(), retired);
                }
            }
        }
        closeAll(retired);
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    @Override
    public void close() {
        var retired = new ArrayList<V>();
        synchronized (entries) {
            closed = true;
            for (Entry<V> entry : entries.values()) retire(entry, retired);
            entries.clear();
        }
        closeAll(retired);
    }

    private Entry<V> acquire(String key, Loader<V> loader) throws Exception {
        Entry<V> kept = kept(key);
        if (kept != null) return kept;
        synchronized (loading) {
            kept = kept(key);
            return kept != null ? kept : add(key, loader.load());
        }
    }

    private @Nullable Entry<V> kept(String key) {
        synchronized (entries) {
            if (closed) throw new IllegalStateException("shutting down");
            Entry<V> kept = entries.get(key);
            if (kept != null) kept.users++;
            return kept;
        }
    }

    private Entry<V> add(String key, V loaded) {
        var retired = new ArrayList<V>();
        Entry<V> entry;
        synchronized (entries) {
            Entry<V> raced = closed ? null : entries.get(key);
            if (raced != null) {
                retired.add(loaded);
                entry = raced;
            } else {
                entry = new Entry<>(loaded);
                if (closed) {
                    entry.retired = true;
                } else {
                    entries.put(key, entry);
                    for (Iterator<Entry<V>> it = entries.values().iterator(); entries.size() > capacity && it.hasNext(); ) {
                        Entry<V> eldest = it.next();
                        it.remove();
                        retire(eldest, retired);
                    }
                }
            }
            entry.users++;
        }
        closeAll(retired);
        return entry;
    }

    private void release(Entry<V> entry) {
        boolean close;
        synchronized (entries) {
            entry.users--;
            close = entry.retired && entry.users == 0;
        }
        if (close) closeAll(List.of(entry.value));
    }

    /** Marks {@code entry} retired; adds its value to {@code toClose} when nobody is using it. Call with the lock held. */
    private void retire(Entry<V> entry, List<V> toClose) {
        entry.retired = true;
        if (entry.users == 0) toClose.add(entry.value);
    }

    private static <V extends AutoCloseable> void closeAll(List<V> values) {
        for (V value : values) {
            try {
                value.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(LoadedSessions.class).warn("Closing a model failed: {}", e.toString());
            }
        }
    }
}
