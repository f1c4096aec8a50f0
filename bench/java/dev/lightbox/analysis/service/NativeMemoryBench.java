package dev.lightbox.analysis.service;

import dev.lightbox.bench.BenchPhotos;
import dev.lightbox.library.domain.ImageFormat;
import dev.lightbox.library.service.Thumbnailer;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/**
 * 2,000 photos through what the analysis and renditions jobs run (working copy, technical, composition,
 * faces inside a PointerScope, as AnalysisJob does; preview and thumbnail), on one thread: the process's RSS
 * after a warm-up of 100 and at the end (goal: growth ≤ 50 MB). Baseline in the same run: 200 photos through
 * the same calls with the analysis outside a scope (its natives left to the garbage collector).
 */
class NativeMemoryBench {

    private static final int WARM_UP = 100;
    private static final int PHOTOS = 2_000;
    private static final int UNSCOPED = 200;

    @Test
    void rssStaysFlatOverTwoThousandPhotos() throws Exception {
        List<byte[]> photos = new ArrayList<>();
        for (Path file : BenchPhotos.twelveMegapixel()) photos.add(Files.readAllBytes(file));
        var configuration = new AnalysisConfiguration();
        PhotoAnalyzer analyzer = configuration.photoAnalyzer();
        FaceDetector faces = AnalysisConfiguration.chooseFaceDetector("");

        for (int i = 0; i < WARM_UP; i++) scoped(photos.get(i % photos.size()), analyzer, faces);
        long afterWarmUp = rss();
        for (int i = 0; i < PHOTOS; i++) scoped(photos.get(i % photos.size()), analyzer, faces);
        long atEnd = rss();
        System.out.printf("%nNative memory: %d photos of 12 MP analysed and rendered in PointerScopes, 1 thread%n", PHOTOS);
        System.out.printf("RSS after %d warm-up photos %.0f MB, after %d more %.0f MB: growth %.1f MB (goal ≤ 50 MB)%n",
                WARM_UP, afterWarmUp / 1e6, PHOTOS, atEnd / 1e6, (atEnd - afterWarmUp) / 1e6);

        long before = rss();
        for (int i = 0; i < UNSCOPED; i++) unscoped(photos.get(i % photos.size()), analyzer, faces);
        System.out.printf("Baseline, %d photos without the scope (natives left to the GC): RSS growth %.1f MB%n", UNSCOPED, (rss() - before) / 1e6);
    }

    private static void scoped(byte[] photo, PhotoAnalyzer analyzer, FaceDetector faces) throws Exception {
        try (PointerScope scope = new PointerScope()) {
            unscoped(photo, analyzer, faces);
        }
    }

    private static void unscoped(byte[] photo, PhotoAnalyzer analyzer, FaceDetector faces) throws Exception {
        try (Mat working = Thumbnailer.workingCopy(new ByteArrayInputStream(photo), photo.length, ImageFormat.JPEG, 4000, 3000, 1,
                AnalysisJob.WORKING_PIXELS)) {
            analyzer.technical(working);
            analyzer.composition(working);
            faces.detect(working, 4000.0 / working.cols());
        }
        Thumbnailer.render(new ByteArrayInputStream(photo), photo.length, ImageFormat.JPEG, 4000, 3000, 1);
    }

    private static long rss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
        throw new IllegalStateException("no VmRSS");
    }
}
