package dev.lightbox.analysis.service;

import org.bytedeco.javacpp.Loader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The analyzers, with the model files the OpenCV jar ships (extracted once to JavaCPP's cache). */
@Configuration(proxyBeanMethods = false)
class AnalysisConfiguration {

    private static final String SHARE = "/org/bytedeco/opencv/linux-x86_64/share/opencv4/";

    @Bean
    PhotoAnalyzer photoAnalyzer() throws Exception {
        return new PhotoAnalyzer(new PhotoAnalyzer.BrisqueModel(
                Loader.cacheResource(SHARE + "quality/brisque_model_live.yml").getAbsolutePath(),
                Loader.cacheResource(SHARE + "quality/brisque_range_live.yml").getAbsolutePath()));
    }

    @Bean
    FaceDetector faceDetector() throws Exception {
        return new FaceDetector(Loader.cacheResource(SHARE + "haarcascades/haarcascade_frontalface_alt2.xml").getAbsolutePath());
    }
}
