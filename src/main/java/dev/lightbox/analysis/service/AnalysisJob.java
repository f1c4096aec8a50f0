package dev.lightbox.analysis.service;

import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.library.service.PhotoAdded;
import dev.lightbox.library.service.PhotoService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.springframework.stereotype.Component;

/**
 * Analyses one content: decode (≤ 2 MP working copy, the original read once) → technical → composition
 * → faces → save, each step reported. Results are keyed by (sha256, analyzer version): a re-run overwrites.
 */
@Component
class AnalysisJob implements JobHandler {

    static final String TYPE = "analysis.photo";
    static final long WORKING_PIXELS = 2_000_000;

    /** How many analyses ran in this process: tests check that cached content is not analysed again. */
    static final AtomicLong RUNS = new AtomicLong();

    private final PhotoService photos;
    private final PhotoAnalyzer analyzer;
    private final FaceDetector faces;
    private final AnalysisService analyses;

    AnalysisJob(PhotoService photos, PhotoAnalyzer analyzer, FaceDetector faces, AnalysisService analyses) {
        this.photos = photos;
        this.analyzer = analyzer;
        this.faces = faces;
        this.analyses = analyses;
    }

    static JobRequest request(PhotoAdded photo) {
        return AnalysisService.request(TYPE, JobQueue.CPU, photo, Map.of("sha256", photo.sha256(), "format", photo.format(),
                "sizeBytes", photo.sizeBytes(), "width", photo.storedWidth(), "height", photo.storedHeight(), "orientation", photo.orientation(),
                "uprightWidth", photo.uprightWidth()));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context) throws Exception {
        RUNS.incrementAndGet();
        Map<String, Object> p = context.payload();
        String sha256 = (String) p.get("sha256");
        context.progress(0.05, "decode", "Reading the photo");
        // every native object made on the way (decode buffers, OpenCV temporaries) is freed here, not by the GC
        try (PointerScope scope = new PointerScope();
             Mat working = photos.workingCopy(sha256, (String) p.get("format"), number(p, "sizeBytes"),
                (int) number(p, "width"), (int) number(p, "height"), (int) number(p, "orientation"), WORKING_PIXELS)) {
            var attributes = new LinkedHashMap<String, Object>();
            context.progress(0.3, "technical", "Sharpness, exposure, colour, noise, quality");
            attributes.putAll(analyzer.technical(working));
            context.progress(0.6, "composition", "Rule of thirds, horizon");
            attributes.putAll(analyzer.composition(working));
            context.progress(0.8, "faces", "Looking for faces");
            var found = faces.detect(working, number(p, "uprightWidth") / (double) working.cols());
            attributes.put("faceCount", found.size());
            attributes.put("faces", found);
            attributes.put("faceDetector", faces.name());
            context.progress(0.95, "save", null);
            analyses.save(sha256, attributes);
            context.result(Map.of("faceCount", found.size()));
        }
    }

    private static long number(Map<String, Object> payload, String key) {
        return ((Number) payload.get(key)).longValue();
    }
}
