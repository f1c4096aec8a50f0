package dev.lightbox.bench;

import static org.awaitility.Awaitility.await;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.HostileFiles;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.JarProcess;
import dev.lightbox.support.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar (its own process, {@code -Xmx512m}) fed the hostile corpus one file at a time, then five
 * 100 MP JPEGs at once. For each: the answer, and how far the process's peak RSS (VmHWM, reset before each
 * file through {@code /proc/PID/clear_refs}) rose above its RSS before the upload, with the file's
 * renditions and analysis done. Baseline in the same run: an ordinary 12 MP JPEG.
 */
class HostileMemoryBench {

    private static final long MB = 1024 * 1024;

    @Test
    void peakMemoryPerHostileFile() throws Exception {
        Path dataDir = IntegrationTest.newDataDir("hostile-bench");
        try (var app = JarProcess.start(dataDir, Map.of())) {
            app.awaitLoginPage(Duration.ofSeconds(180));
            ApiClient api = app.api();
            String email = api.signUpNewUser();
            String token = api.login(email, ApiClient.USER_PASSWORD);

            Map<String, byte[]> corpus = new LinkedHashMap<>();
            corpus.put("baseline: ordinary 12 MP JPEG", TestImages.jpeg(4000, 3000, 1));
            corpus.put("TIFF, ImageWidth 20000 then 1 (400 MP for libtiff)", HostileFiles.tiffWithDuplicateWidth(20000, 1, 20000));
            corpus.put("PNG, zTXt inflating to 1.5 GB", HostileFiles.pngWithTextBomb(1536));
            corpus.put("PNG, IHDR 40000 × 40000 (1.6 GP)", TestImages.pngBomb(40_000, 40_000));
            corpus.put("PNG, 2 MB eXIf", HostileFiles.pngWithExif(2 * 1024 * 1024));
            byte[] jpeg = TestImages.jpeg(4000, 3000, 2);
            corpus.put("JPEG, damaged scan", HostileFiles.jpegWithDamagedScan(jpeg));
            corpus.put("JPEG, scan cut short + end marker", HostileFiles.jpegCutShortWithEndMarker(jpeg));
            corpus.put("JPEG + 200 KB trailer (motion photo)", HostileFiles.jpegWithTrailer(TestImages.jpeg(4000, 3000, 3)));
            corpus.put("PNG, 1 × 20000", TestImages.encode(new Mat(20000, 1, org.bytedeco.opencv.global.opencv_core.CV_8UC3, new Scalar(9, 99, 199, 0)), ".png"));

            System.out.printf("%nHostile files through the packaged jar (-Xmx512m), one at a time: peak RSS rise over RSS before%n");
            System.out.printf("%-52s %8s %8s %14s%n", "file", "bytes", "answer", "peak rise MB");
            long worst = 0;
            for (var entry : corpus.entrySet()) {
                long before = rss(app.pid());
                resetPeak(app.pid());
                var response = api.upload("f", entry.getValue(), token);
                if (response.status() == 201) awaitJobs(api, token, response.json().get("id").asString());
                long rise = peak(app.pid()) - before;
                if (!entry.getKey().startsWith("baseline")) worst = Math.max(worst, rise);
                System.out.printf("%-52s %8d %8d %14.0f%n", entry.getKey(), entry.getValue().length, response.status(), rise / (double) MB);
            }
            System.out.printf("worst rise for one hostile file: %.0f MB (bound: 1024 MB)%n", worst / (double) MB);

            System.out.printf("%nThree 1.5 GB text bombs at once: ");
            byte[] bomb = HostileFiles.pngWithTextBomb(1536);
            long before = rss(app.pid());
            resetPeak(app.pid());
            var statuses = parallel(3, i -> api.upload("bomb" + i + ".png", TestImages.uniqueCopy(bomb), token).status());
            System.out.printf("answers %s, peak rise %.0f MB%n", statuses, (peak(app.pid()) - before) / (double) MB);

            byte[] huge = TestImages.jpeg(10_000, 10_000, 4);
            System.out.printf("Five 100 MP JPEGs (%.0f MB each) at once, renditions and analysis included: ", huge.length / (double) MB);
            before = rss(app.pid());
            resetPeak(app.pid());
            var ids = parallel(5, i -> api.upload("big" + i + ".jpg", TestImages.uniqueCopy(huge), token).json().get("id").asString());
            for (String id : ids) awaitJobs(api, token, id);
            System.out.printf("all stored, peak RSS %.0f MB (rise %.0f MB over %.0f MB), Java heap within -Xmx512m%n",
                    peak(app.pid()) / (double) MB, (peak(app.pid()) - before) / (double) MB, before / (double) MB);
        }
    }

    private static void awaitJobs(ApiClient api, String token, String photoId) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var photo = api.get("/api/v1/photos/" + photoId, token).json();
            boolean analysed = !photo.path("analysis").path("status").asString("pending").equals("pending");
            boolean jobsDone = photo.get("jobs").values().stream().allMatch(j -> Set.of("SUCCEEDED", "FAILED", "CANCELLED").contains(j.get("status").asString()));
            return analysed && jobsDone;
        });
    }

    private static <T> List<T> parallel(int count, java.util.function.IntFunction<T> task) throws Exception {
        try (var pool = Executors.newFixedThreadPool(count)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.apply(index)));
            }
            List<T> results = new ArrayList<>();
            for (var future : futures) results.add(future.get());
            return results;
        }
    }

    private static void resetPeak(long pid) throws Exception {
        Files.writeString(Path.of("/proc/" + pid + "/clear_refs"), "5");
    }

    private static long rss(long pid) throws Exception {
        return statusField(pid, "VmRSS:");
    }

    private static long peak(long pid) throws Exception {
        return statusField(pid, "VmHWM:");
    }

    private static long statusField(long pid, String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field)) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
        throw new IllegalStateException(field + " not in /proc/" + pid + "/status");
    }
}
