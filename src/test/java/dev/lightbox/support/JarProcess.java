package dev.lightbox.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** The packaged jar as its own OS process, the way an operator runs it. */
public final class JarProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private JarProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static JarProcess start(Path dataDir, Map<String, String> env) throws IOException {
        Path jar = Path.of(System.getProperty("lightbox.jar", "target/lightbox.jar"));
        if (!Files.isRegularFile(jar)) throw new IllegalStateException("No packaged jar at " + jar + ": run mvn -Pproduction verify");
        int port = freePort();
        Path log = Files.createTempFile(dataDir.getParent(), "lightbox-", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar.toString()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("LIGHTBOX_DATA_DIR", dataDir.toString());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("LIGHTBOX_BACKUP_DAILY", "false"); // a test that wants the daily backup says so in env
        builder.environment().putAll(env);
        return new JarProcess(builder.start(), port, log);
    }

    /** Waits until the login page answers 200; returns how long that took. */
    public Duration awaitLoginPage(Duration timeout) throws IOException {
        long start = System.nanoTime();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        awaitAnswer("Login page", timeout, () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url("/login"))).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException notYet) {
                return false; // not listening yet
            }
        });
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** For a worker, which serves no login page: waits until its health endpoint answers 200. */
    public Duration awaitHealth(Duration timeout) throws IOException {
        long start = System.nanoTime();
        awaitAnswer("Health", timeout, () -> {
            try {
                return api().getBytes("/actuator/health", null).status() == 200;
            } catch (IllegalStateException notYet) {
                return false; // not listening yet
            }
        });
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private void awaitAnswer(String what, Duration timeout, java.util.concurrent.Callable<Boolean> answers) throws IOException {
        try {
            Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).pollInSameThread().until(() -> {
                if (!process.isAlive()) throw new IllegalStateException("Lightbox exited with " + process.exitValue() + ":\n" + output());
                return answers.call();
            });
        } catch (ConditionTimeoutException notInTime) {
            throw new IllegalStateException(what + " not answered within " + timeout + ":\n" + output());
        }
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public ApiClient api() {
        return new ApiClient("http://localhost:" + port);
    }

    public long pid() {
        return process.pid();
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    /** Waits for the process to end by itself; returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Lightbox still running after " + timeout);
        }
        return process.exitValue();
    }

    /** SIGTERM, as systemd or docker stop sends; returns the exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hooks, children left running. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
