package dev.lightbox.analysis.service;

import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The analyzers, built by {@link ContentAnalyzer}'s factories (the command-line client builds the same ones). */
@Configuration(proxyBeanMethods = false)
class AnalysisConfiguration {

    static final String BLAZEFACE = ContentAnalyzer.BLAZEFACE;

    @Bean
    PhotoAnalyzer photoAnalyzer() {
        return ContentAnalyzer.photoAnalyzer();
    }

    /** {@code lightbox.analysis.face-model}: a BlazeFace full-range .tflite file to use instead of the bundled one. */
    @Bean
    FaceDetector faceDetector(@Value("${lightbox.analysis.face-model:}") String modelFile) {
        return chooseFaceDetector(modelFile);
    }

    /** The face-finding facade other modules use (the restyle pipeline), over the same detector. */
    @Bean
    FaceFinder faceFinder(FaceDetector faceDetector) {
        return new FaceFinder(faceDetector);
    }

    @Bean
    ContentAnalyzer contentAnalyzer(PhotoAnalyzer photoAnalyzer, FaceDetector faceDetector) {
        return new ContentAnalyzer(photoAnalyzer, faceDetector);
    }

    static FaceDetector chooseFaceDetector(String modelFile) {
        return ContentAnalyzer.chooseFaceDetector(modelFile);
    }

    static FaceDetector haar() {
        return ContentAnalyzer.haar();
    }

    static byte[] readModel(String modelFile) throws IOException {
        return ContentAnalyzer.readModel(modelFile);
    }
}
