package dev.lightbox.analysis.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** Analyses run in a PointerScope; the face model a worker thread loads during its first one must survive it. */
class NativeScopeTest {

    @Test
    void aWorkerThreadAnalysesPhotoAfterPhotoInsideScopes() throws Exception {
        var configuration = new AnalysisConfiguration();
        PhotoAnalyzer analyzer = configuration.photoAnalyzer();
        FaceDetector faces = configuration.faceDetector("");
        List<Integer> faceCounts = new ArrayList<>();
        try (var worker = Executors.newSingleThreadExecutor()) { // not the thread that built the detector
            worker.submit(() -> {
                for (int i = 0; i < 3; i++) {
                    try (PointerScope scope = new PointerScope()) {
                        Mat photo = TestImages.decode(TestImages.read(TestImages.GRACE_HOPPER));
                        analyzer.technical(photo);
                        analyzer.composition(photo);
                        faceCounts.add(faces.detect(photo, 1.0).size());
                    }
                }
                return null;
            }).get();
        }
        assertThat(faceCounts).containsExactly(1, 1, 1);
    }
}
