package dev.lightbox.analysis.service;

import dev.lightbox.analysis.Attribute;
import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobType;
import dev.lightbox.library.service.PhotoAdded;
import dev.lightbox.library.service.PhotoService;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.springframework.stereotype.Component;

/**
 * Analyses one content: decode (≤ 2 MP working copy, the original read once) → technical → composition
 * → faces → save, each step reported. Results are keyed by (sha256, analyzer version): a re-run overwrites.
 */
@Component
class AnalysisJob implements JobHandler<AnalysisJob.Payload> {

    /** The stored content to analyse; {@code width}, {@code height}: as stored (before orientation). */
    record Payload(String sha256, String format, long sizeBytes, int width, int height, int orientation, int uprightWidth) {
    }

    static final JobType<Payload> TYPE = JobType.of("analysis.photo", "Photo analysis", JobQueue.CPU, Payload.class);
    static final long WORKING_PIXELS = ContentAnalyzer.WORKING_PIXELS;

    private final PhotoService photos;
    private final ContentAnalyzer analyzer;
    private final AnalysisService analyses;

    AnalysisJob(PhotoService photos, ContentAnalyzer analyzer, AnalysisService analyses) {
        this.photos = photos;
        this.analyzer = analyzer;
        this.analyses = analyses;
    }

    /** What a finished run reports: how many faces were found. */
    record Result(int faceCount) {
    }

    static JobRequest<Payload> request(PhotoAdded photo) {
        return AnalysisService.request(TYPE, photo, new Payload(photo.sha256(), photo.format(), photo.sizeBytes(), photo.storedWidth(),
                photo.storedHeight(), photo.orientation(), photo.uprightWidth()));
    }

    @Override
    public JobType<Payload> type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context, Payload p) throws Exception {
        String sha256 = p.sha256();
        context.progress(0.05, "decode", "Reading the photo");
        // every native object made on the way (decode buffers, OpenCV temporaries) is freed here, not by the GC
        try (PointerScope scope = new PointerScope();
             Mat working = photos.workingCopy(sha256, p.format(), p.sizeBytes(), p.width(), p.height(), p.orientation(), WORKING_PIXELS)) {
            Map<String, Object> attributes = analyzer.analyse(working, p.uprightWidth(), context::progress);
            context.progress(0.95, "save", null);
            analyses.save(sha256, attributes);
            context.result(new Result((int) Attribute.FACE_COUNT.number(attributes)));
        }
    }
}
