package dev.lightbox.sync.cli;

import com.sun.net.httpserver.HttpServer;
import dev.lightbox.analysis.service.ContentAnalyzer;
import dev.lightbox.bench.BenchPhotos;
import dev.lightbox.library.domain.ImageFormat;
import dev.lightbox.library.service.Thumbnailer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/**
 * The sync command on a folder of 12 MP JPEGs with 2 threads, end to end (walk, the upload's checks, SHA-256,
 * working copy, analysis, cache, batches to a loopback server that accepts everything), in photos/s and bytes
 * sent per photo; against the server's own analysis in the same run: the analysis job's pipeline (working copy
 * from the bytes in memory, ContentAnalyzer) on the same files on 2 threads, as the server's cpu pool runs it.
 */
class SyncBench {

    private static final int COPIES = 3; // each 12 MP photo three times, with different bytes: 24 contents

    @Test
    void syncRateAgainstTheServersAnalysisRate() throws Exception {
        Path folder = Files.createTempDirectory(Path.of("target"), "sync-bench-");
        List<byte[]> contents = new ArrayList<>();
        int n = 0;
        for (Path photo : BenchPhotos.twelveMegapixel()) {
            byte[] bytes = Files.readAllBytes(photo);
            for (int copy = 0; copy < COPIES; copy++) {
                byte[] unique = java.util.Arrays.copyOf(bytes, bytes.length + 8);
                java.nio.ByteBuffer.wrap(unique, bytes.length, 8).putLong(++n);
                Files.write(folder.resolve("photo-" + n + ".jpg"), unique);
                contents.add(unique);
            }
        }
        AtomicLong received = new AtomicLong();
        HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/api/v1/sync/info", exchange -> answer(exchange, "{\"analyzerVersion\":" + ContentAnalyzer.version()
                + ",\"maxItems\":1000,\"userId\":\"bench\",\"email\":\"bench@lightbox.test\"}"));
        stub.createContext("/api/v1/sync/attributes", exchange -> {
            received.addAndGet(exchange.getRequestBody().readAllBytes().length);
            answer(exchange, "{\"created\":1,\"updated\":0,\"unchanged\":0}");
        });
        stub.start();
        try {
            // warm-up: natives, models, JIT; two photos through both paths, the command's in a folder and cache of its own
            serverAnalysis(contents.subList(0, 2), 2);
            ContentAnalyzer cliAnalyzer = ContentAnalyzer.create();
            Path warmFolder = Files.createDirectories(folder.resolveSibling(folder.getFileName() + "-warm"));
            for (int i = 0; i < 2; i++) Files.write(warmFolder.resolve("warm-" + i + ".jpg"), contents.get(i));
            var warmOut = new ByteArrayOutputStream();
            int warm = new SyncCommand(new PrintStream(warmOut, true, StandardCharsets.UTF_8), new PrintStream(warmOut, true, StandardCharsets.UTF_8),
                    Map.of()).analyzers(() -> cliAnalyzer).run(warmFolder.toString(), "--server", "http://127.0.0.1:" + stub.getAddress().getPort(),
                    "--token", "bench", "--threads", "2", "--cache", warmFolder.resolve(".cache").toString());
            if (warm != 0) throw new AssertionError(warmOut.toString(StandardCharsets.UTF_8));
            received.set(0);

            long start = System.nanoTime();
            double serverSeconds = serverAnalysis(contents, 2);
            double serverRate = contents.size() / serverSeconds;

            var out = new ByteArrayOutputStream();
            var command = new SyncCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8),
                    Map.of()).analyzers(() -> cliAnalyzer); // the models loaded once, as the server's bean is
            start = System.nanoTime();
            int code = command.run(folder.toString(), "--server", "http://127.0.0.1:" + stub.getAddress().getPort(), "--token", "bench",
                    "--threads", "2", "--cache", folder.resolve(".cache").toString());
            double cliSeconds = (System.nanoTime() - start) / 1e9;
            if (code != 0) throw new AssertionError(out.toString(StandardCharsets.UTF_8));
            double cliRate = contents.size() / cliSeconds;

            start = System.nanoTime();
            command.run(folder.toString(), "--server", "http://127.0.0.1:" + stub.getAddress().getPort(), "--token", "bench",
                    "--threads", "2", "--cache", folder.resolve(".cache").toString());
            double secondRun = (System.nanoTime() - start) / 1e9;

            System.out.printf("%nSync: %d JPEGs of 4000×3000 (12 MP), 2 threads%n", contents.size());
            System.out.printf("  sync command, end to end:   %.2f photos/s (%.1f s)%n", cliRate, cliSeconds);
            System.out.printf("  server's analysis pipeline: %.2f photos/s (%.1f s)   ratio %.2f×%n", serverRate, serverSeconds, serverRate / cliRate);
            System.out.printf("  bytes sent per photo:       %d (request bodies; %d in all)%n", received.get() / contents.size(), received.get());
            System.out.printf("  second run (all cached):    %.2f s%n", secondRun);
        } finally {
            stub.stop(0);
        }
    }

    /** The analysis job's work on each content (working copy ≤ 2 MP by reduced decode, then ContentAnalyzer), on {@code threads} threads. */
    private static double serverAnalysis(List<byte[]> contents, int threads) throws Exception {
        ContentAnalyzer analyzer = ContentAnalyzer.create();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (byte[] bytes : contents) {
                done.add(pool.submit(() -> {
                    try (PointerScope scope = new PointerScope();
                         Mat working = Thumbnailer.workingCopy(new ByteArrayInputStream(bytes), bytes.length, ImageFormat.JPEG, 4000, 3000, 1,
                                 ContentAnalyzer.WORKING_PIXELS)) {
                        analyzer.analyse(working, 4000, ContentAnalyzer.Steps.NONE);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String json) throws java.io.IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
