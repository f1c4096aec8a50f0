package dev.lightbox.analysis.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The analyzers, with the model files the OpenCV jar ships (extracted once to JavaCPP's cache) and BlazeFace. */
@Configuration(proxyBeanMethods = false)
class AnalysisConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AnalysisConfiguration.class);
    private static final String SHARE = "/org/bytedeco/opencv/linux-x86_64/share/opencv4/";
    static final String BLAZEFACE = "/models/blazeface/face_detection_full_range.tflite";

    @Bean
    PhotoAnalyzer photoAnalyzer() throws Exception {
        return new PhotoAnalyzer(new PhotoAnalyzer.BrisqueModel(
                Loader.cacheResource(SHARE + "quality/brisque_model_live.yml").getAbsolutePath(),
                Loader.cacheResource(SHARE + "quality/brisque_range_live.yml").getAbsolutePath()));
    }

    /** {@code lightbox.analysis.face-model}: a BlazeFace full-range .tflite file to use instead of the bundled one. */
    @Bean
    FaceDetector faceDetector(@Value("${lightbox.analysis.face-model:}") String modelFile) {
        return chooseFaceDetector(modelFile);
    }

    /** BlazeFace when its model loads; otherwise Haar alt2, saying why. */
    static FaceDetector chooseFaceDetector(String modelFile) {
        try {
            return new BlazeFaceDetector(readModel(modelFile));
        } catch (IOException | RuntimeException e) {
            log.warn("Face detection falls back to the Haar cascade: {}", e.getMessage());
            return haar();
        }
    }

    static FaceDetector haar() {
        try {
            return new HaarFaceDetector(Loader.cacheResource(SHARE + "haarcascades/haarcascade_frontalface_alt2.xml").getAbsolutePath());
        } catch (IOException e) {
            throw new IllegalStateException("The Haar face cascade is missing from the OpenCV jar", e);
        }
    }

    static byte[] readModel(String modelFile) throws IOException {
        if (modelFile != null && !modelFile.isBlank()) {
            try {
                return Files.readAllBytes(Path.of(modelFile));
            } catch (IOException e) {
                throw new IOException("cannot read lightbox.analysis.face-model " + modelFile + ": " + e.getMessage(), e);
            }
        }
        try (InputStream in = AnalysisConfiguration.class.getResourceAsStream(BLAZEFACE)) {
            if (in == null) throw new IOException("the bundled model " + BLAZEFACE + " is missing");
            return in.readAllBytes();
        }
    }
}
