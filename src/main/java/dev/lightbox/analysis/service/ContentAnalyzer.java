package dev.lightbox.analysis.service;

import dev.lightbox.analysis.Attribute;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.opencv_core.Mat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one analysis pipeline, technical → composition → faces, giving the attributes the server stores for
 * a content. The server's analysis job and the command-line sync client both call it, so a photo analysed
 * on someone's computer gets exactly the attributes the server would have given it. Spring-free.
 */
public final class ContentAnalyzer {

    private static final Logger log = LoggerFactory.getLogger(ContentAnalyzer.class);
    private static final String SHARE = "/org/bytedeco/opencv/" + Loader.getPlatform() + "/share/opencv4/";
    static final String BLAZEFACE = "/models/blazeface/face_detection_full_range.tflite";

    /** The working copy's size the attributes are defined on: the server decodes photos to at most this many pixels. */
    public static final long WORKING_PIXELS = 2_000_000;

    /** Told when each step starts, for progress reports. */
    public interface Steps {
        Steps NONE = (progress, step, message) -> {
        };

        void starting(double progress, String step, @Nullable String message);
    }

    private final PhotoAnalyzer analyzer;
    private final FaceDetector faces;

    ContentAnalyzer(PhotoAnalyzer analyzer, FaceDetector faces) {
        this.analyzer = analyzer;
        this.faces = faces;
    }

    /** The analyser with the model files the OpenCV jar ships (extracted once to JavaCPP's cache) and the bundled BlazeFace. */
    public static ContentAnalyzer create() {
        Loader.load(org.bytedeco.opencv.global.opencv_core.class); // an UnsatisfiedLinkError here, not deep in the first photo
        return new ContentAnalyzer(photoAnalyzer(), chooseFaceDetector(""));
    }

    /** The name of the face detector in use ({@code faceDetector} of the attributes): the same version with another detector finds other faces. */
    public String faceDetector() {
        return faces.name();
    }

    /** The version of the attributes' definitions; a server accepts synced attributes of its own version only. */
    public static int version() {
        return PhotoAnalyzer.VERSION;
    }

    /**
     * The attributes of an upright BGR working copy (≤ {@link #WORKING_PIXELS}); {@code uprightWidth} is the
     * original's upright width, so face boxes are given in the original's pixels. Call inside a
     * {@link org.bytedeco.javacpp.PointerScope}: the native temporaries are freed with it.
     */
    public Map<String, Object> analyse(Mat working, int uprightWidth, Steps steps) {
        var attributes = new LinkedHashMap<String, Object>();
        steps.starting(0.3, "technical", "Sharpness, exposure, colour, noise, quality");
        attributes.putAll(analyzer.technical(working));
        steps.starting(0.6, "composition", "Rule of thirds, horizon");
        attributes.putAll(analyzer.composition(working));
        steps.starting(0.8, "faces", "Looking for faces");
        var found = faces.detect(working, uprightWidth / (double) working.cols());
        attributes.put(Attribute.FACE_COUNT.key(), found.size());
        attributes.put(Attribute.FACE_BOXES.key(), found);
        attributes.put(Attribute.FACE_DETECTOR.key(), faces.name());
        return attributes;
    }

    static PhotoAnalyzer photoAnalyzer() {
        try {
            return new PhotoAnalyzer(new PhotoAnalyzer.BrisqueModel(
                    Loader.cacheResource(SHARE + "quality/brisque_model_live.yml").getAbsolutePath(),
                    Loader.cacheResource(SHARE + "quality/brisque_range_live.yml").getAbsolutePath()));
        } catch (IOException e) {
            throw new IllegalStateException("The BRISQUE model files are missing from the OpenCV jar: " + e.getMessage(), e);
        }
    }

    /** BlazeFace when its model loads; otherwise Haar alt2, saying why. */
    static FaceDetector chooseFaceDetector(@Nullable String modelFile) {
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

    static byte[] readModel(@Nullable String modelFile) throws IOException {
        if (modelFile != null && !modelFile.isBlank()) {
            try {
                return Files.readAllBytes(Path.of(modelFile));
            } catch (IOException e) {
                throw new IOException("cannot read lightbox.analysis.face-model " + modelFile + ": " + e.getMessage(), e);
            }
        }
        try (InputStream in = ContentAnalyzer.class.getResourceAsStream(BLAZEFACE)) {
            if (in == null) throw new IOException("the bundled model " + BLAZEFACE + " is missing");
            return in.readAllBytes();
        }
    }
}
