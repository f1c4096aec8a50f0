package dev.lightbox.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SIGTERM and Ctrl-C stop Lightbox with exit status 0 after the shutdown hooks ran, so `make run` reports no "Error 143". */
class StopSignalsTest {

    /** A JVM that installs Lightbox's stop handling, registers a shutdown hook and waits to be stopped. */
    public static final class Probe {
        public static void main(String[] args) throws InterruptedException {
            StopSignals.exitCleanlyOnStop();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
            System.out.println("ready");
            System.out.flush();
            new java.util.concurrent.CountDownLatch(1).await();
        }
    }

    @Test
    void sigtermRunsTheShutdownHooksAndExitsZero() throws Exception {
        assertStopsCleanly("TERM");
    }

    @Test
    void sigintRunsTheShutdownHooksAndExitsZero() throws Exception {
        assertStopsCleanly("INT");
    }

    private static void assertStopsCleanly(String signal) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                .redirectErrorStream(true).start();
        try (var out = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("ready");
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(probe.pid())).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(probe.waitFor(20, TimeUnit.SECONDS)).as("stopped").isTrue();
            assertThat(probe.exitValue()).as("exit status after SIG" + signal).isZero();
            assertThat(out.lines().toList()).isEqualTo(List.of("shutdown hook ran"));
        } finally {
            probe.destroyForcibly();
        }
    }
}
