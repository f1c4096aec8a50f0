package dev.lightbox.jobs.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The numbered worker slots of one queue on this node, resizable while jobs run. A slot is busy from its claim
 * until its job ends. Growing frees new slots at once; shrinking never interrupts: a slot at or above the new size
 * is retired when its job ends, and no slot is handed out while as many jobs run as the size allows. So slot
 * numbers always stay below the size, and the jobs running here never outnumber it once the excess has finished.
 */
final class WorkerSlots {

    private final BitSet busy = new BitSet();
    private int size;

    WorkerSlots(int size) {
        if (size < 1) throw new IllegalArgumentException("size must be at least 1");
        this.size = size;
    }

    synchronized int size() {
        return size;
    }

    synchronized int busyCount() {
        return busy.cardinality();
    }

    /** How many slots a claim may take now. */
    synchronized int available() {
        return Math.max(0, size - busy.cardinality());
    }

    /** Waits until at least one slot is free, then takes every free one (lowest numbers first). */
    synchronized List<Integer> awaitFree() throws InterruptedException {
        while (available() == 0) wait();
        int count = available();
        List<Integer> taken = new ArrayList<>(count);
        for (int slot = busy.nextClearBit(0); taken.size() < count; slot = busy.nextClearBit(slot + 1)) {
            if (slot >= size) break; // cannot happen: fewer busy below size than available says, kept as a guard
            busy.set(slot);
            taken.add(slot);
        }
        return taken;
    }

    /** A slot's job ended (or a claim left it unused): it is free again unless the queue shrank below it. */
    synchronized void release(int slot) {
        busy.clear(slot);
        notifyAll();
    }

    synchronized void resize(int newSize) {
        if (newSize < 1) throw new IllegalArgumentException("size must be at least 1");
        size = newSize;
        notifyAll();
    }
}
