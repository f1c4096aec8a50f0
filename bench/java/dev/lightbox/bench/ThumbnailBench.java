package dev.lightbox.bench;

import dev.lightbox.library.domain.ImageFormat;
import dev.lightbox.library.service.Thumbnailer;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Thumbnail throughput on 12 MP JPEGs (real photos from Debian packages, upscaled to 4000×3000):
 * Lightbox's Thumbnailer (400 px, OpenCV DCT-scaled decode) against libvips' vipsthumbnail on the same
 * files in the same run, on 1 thread and on as many threads as cores. Baseline: vipsthumbnail.
 */
class ThumbnailBench {

    private static final int ROUNDS = 3;
    @Test
    void thumbnailsPerSecond() throws Exception {
        Path dir = BenchPhotos.DIRECTORY;
        List<Path> files = BenchPhotos.twelveMegapixel();
        List<byte[]> bytes = new ArrayList<>();
        for (Path file : files) bytes.add(Files.readAllBytes(file));
        long totalBytes = bytes.stream().mapToLong(b -> b.length).sum();
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("%nThumbnails: %d JPEGs of 4000×3000 (12 MP, %.1f MB on average), 400 px long edge, %d rounds%n",
                files.size(), totalBytes / 1e6 / files.size(), ROUNDS);

        lightbox(bytes, 1); // warm-up: JIT, native libraries
        vips(files, 1, dir);
        for (int threads : List.of(1, cores)) {
            double ours = median(() -> lightbox(bytes, threads));
            double theirs = median(() -> vips(files, threads, dir));
            System.out.printf("  %d thread(s): Lightbox %.1f photos/s, vipsthumbnail %.1f photos/s, ratio %.2f× (goal ≥ 1.0×)%n",
                    threads, files.size() / ours, files.size() / theirs, theirs / ours);
        }
        double full = median(() -> timed(() -> {
            for (byte[] b : bytes) Thumbnailer.render(new ByteArrayInputStream(b), b.length, ImageFormat.JPEG, 4000, 3000, 1);
        }));
        System.out.printf("  preview 1600 px + thumbnail 400 px together (what an upload makes), 1 thread: %.1f photos/s%n", files.size() / full);
    }

    private static double lightbox(List<byte[]> bytes, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<byte[]>> results = new ArrayList<>();
            for (byte[] b : bytes) {
                results.add(pool.submit(() -> Thumbnailer.thumbnail(new ByteArrayInputStream(b), b.length, ImageFormat.JPEG, 4000, 3000, 1)));
            }
            for (Future<byte[]> result : results) result.get();
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdown();
        }
    }

    /** One vipsthumbnail process for all files (its start-up counted once), files read from disk as ours are from memory. */
    private static double vips(List<Path> files, int threads, Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of("vipsthumbnail", "--size", "400", "-o", dir.resolve("vips-%s.jpg[Q=80]").toAbsolutePath().toString()));
        files.forEach(f -> command.add(f.toAbsolutePath().toString()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("VIPS_CONCURRENCY", Integer.toString(threads));
        long start = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) throw new IllegalStateException("vipsthumbnail failed: " + output);
        return (System.nanoTime() - start) / 1e9;
    }

    interface Timed {
        double run() throws Exception;
    }

    interface Body {
        void run() throws Exception;
    }

    private static double timed(Body body) throws Exception {
        long start = System.nanoTime();
        body.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(Timed timed) throws Exception {
        double[] seconds = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) seconds[i] = timed.run();
        java.util.Arrays.sort(seconds);
        return seconds[ROUNDS / 2];
    }
}
