package dev.lightbox.base;

import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM are how Lightbox is asked to stop: the JVM runs its shutdown hooks (Spring's
 * graceful shutdown) as always, but then exits 0 rather than 130/143, so {@code make run}, systemd or Docker
 * see a clean stop instead of an error.
 */
public final class StopSignals {

    private StopSignals() {
    }

    public static void exitCleanlyOnStop() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> System.exit(0));
            } catch (IllegalArgumentException unavailable) {
                // the signal is not available here (or the JVM runs with -Xrs): keep the JVM's default
            }
        }
    }
}
