package dev.lightbox.bench;

import dev.lightbox.storage.ObjectStore;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A 1 GB file (a valid JPEG, 1 GB of data, an end marker) uploaded with curl to {@code POST /api/v1/photos}
 * on loopback: MB/s end to end (stream to S3 while hashing, dedupe, metadata, decode, keep), and how the
 * server's Java heap grows meanwhile. The S3 server runs in a process of its own, as MinIO does in
 * production, so its buffers are not counted as Lightbox's. Baseline: the same file put straight into
 * the object store through the same client.
 */
@TestPropertySource(properties = "lightbox.upload.max-bytes=2147483648")
class UploadBench extends IntegrationTest {

    private static final long PADDING = 1L << 30;
    private static final int S3_PORT = freePort();
    private static final Process S3_SERVER = startS3Server();

    @DynamicPropertySource
    static void separateS3Server(DynamicPropertyRegistry registry) {
        registry.add("lightbox.s3.endpoint", () -> "http://127.0.0.1:" + S3_PORT);
        registry.add("lightbox.s3.access-key", () -> "bench-access");
        registry.add("lightbox.s3.secret-key", () -> "bench-secret-0123456789");
    }

    @AfterAll
    static void stopS3Server() {
        S3_SERVER.destroy();
    }

    /** s3proxy (filesystem backend, SigV4) from this classpath, as its own process. */
    private static Process startS3Server() {
        try {
            Path dir = newDataDir("bench-s3");
            Path config = dir.resolve("s3proxy.conf");
            Files.writeString(config, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + S3_PORT, "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=bench-access", "s3proxy.credential=bench-secret-0123456789",
                    "jclouds.provider=filesystem-nio2", "jclouds.filesystem.basedir=" + Files.createDirectories(dir.resolve("objects"))));
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "org.gaul.s3proxy.Main", "--properties", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
            for (int i = 0; i < 100; i++) {
                try (var socket = new java.net.Socket("127.0.0.1", S3_PORT)) {
                    return process;
                } catch (java.io.IOException notYet) {
                    Thread.sleep(100);
                }
            }
            throw new IllegalStateException("s3proxy did not start; see " + dir.resolve("s3proxy.log"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired ObjectStore store;

    @Test
    void oneGigabyteUpload() throws Exception {
        var api = api();
        String token = api.login(api.signUpNewUser(), USER_PASSWORD);
        Path file = hugeFile();
        double megabytes = Files.size(file) / 1e6;
        System.out.printf("%nUpload of a %.0f MB file (curl → POST /api/v1/photos, loopback; S3 server in its own process)%n", megabytes);

        Measured upload = measure(() -> {
            Process curl = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}",
                    "-H", "Authorization: Bearer " + token, "-F", "file=@" + file.toAbsolutePath() + ";type=image/jpeg",
                    "http://localhost:" + port + "/api/v1/photos").redirectErrorStream(true).start();
            String status = new String(curl.getInputStream().readAllBytes()).trim();
            if (curl.waitFor() != 0 || !status.equals("201")) throw new IllegalStateException("upload answered " + status);
            return null;
        });
        System.out.printf("  end to end: %.1f s, %.0f MB/s%n", upload.seconds, megabytes / upload.seconds);
        System.out.printf("  live heap growth (old generation right after each GC, peak): %.1f MB (goal ≤ 32 MB; a buffered file would add %.0f MB)%n",
                upload.liveGrowth / 1e6, megabytes);
        System.out.printf("  old generation peak growth, garbage not yet collected included: %.1f MB%n", upload.oldPeakGrowth / 1e6);
        System.out.printf("  retained after the upload (after GC): %+.1f MB%n", upload.retained / 1e6);

        Measured baseline = measure(() -> {
            try (InputStream in = Files.newInputStream(file)) {
                return store.put("bench/baseline-" + UUID.randomUUID(), in, -1, "application/octet-stream");
            }
        });
        System.out.printf("  baseline, the same file put straight into the object store: %.1f s, %.0f MB/s, live heap growth %.1f MB, "
                + "old generation peak growth %.1f MB%n", baseline.seconds, megabytes / baseline.seconds, baseline.liveGrowth / 1e6,
                baseline.oldPeakGrowth / 1e6);
        System.out.printf("  the upload path takes %.2f× the baseline's time%n", upload.seconds / baseline.seconds);
    }

    /** target/bench/huge.jpg: made once, reused by later runs. */
    private static Path hugeFile() throws Exception {
        Path file = Path.of("target", "bench", "huge.jpg");
        if (Files.exists(file) && Files.size(file) > PADDING) return file;
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(TestImages.jpeg(64, 64, 1));
            byte[] block = new byte[1 << 20];
            for (long written = 0; written < PADDING - 2; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, PADDING - 2 - written));
            }
            out.write(new byte[] {(byte) 0xFF, (byte) 0xD9});
        }
        return file;
    }

    private record Measured(double seconds, long liveGrowth, long oldPeakGrowth, long retained) {
    }

    private static Measured measure(Callable<?> work) throws Exception {
        List<MemoryPoolMXBean> old = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && (p.getName().contains("Old") || p.getName().contains("Tenured"))).toList();
        System.gc();
        long heapBefore = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long liveBefore = sum(old, true);
        long oldBefore = sum(old, false);
        old.forEach(MemoryPoolMXBean::resetPeakUsage);
        var livePeak = new AtomicLong(liveBefore);
        var running = new AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (running.get()) {
                livePeak.accumulateAndGet(sum(old, true), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long start = System.nanoTime();
        work.call();
        double seconds = (System.nanoTime() - start) / 1e9;
        running.set(false);
        sampler.join();
        long oldPeak = old.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.gc();
        long heapAfter = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Measured(seconds, livePeak.get() - liveBefore, oldPeak - oldBefore, heapAfter - heapBefore);
    }

    /** Old generation in use now, or right after the last collection (what survived it). */
    private static long sum(List<MemoryPoolMXBean> pools, boolean afterLastCollection) {
        return pools.stream().mapToLong(p -> (afterLastCollection ? p.getCollectionUsage() : p.getUsage()).getUsed()).sum();
    }
}
