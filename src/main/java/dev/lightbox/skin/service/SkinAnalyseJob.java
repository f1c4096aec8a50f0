package dev.lightbox.skin.service;

import dev.lightbox.analysis.Attribute;
import dev.lightbox.analysis.service.AnalysisService;
import dev.lightbox.jobs.JobContext;
import dev.lightbox.jobs.JobHandler;
import dev.lightbox.jobs.JobQueue;
import dev.lightbox.jobs.JobRequest;
import dev.lightbox.jobs.JobType;
import dev.lightbox.library.service.PhotoAdded;
import dev.lightbox.library.service.PhotoService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@code skin.analyse}: measures one check-in. Steps: wait for faces (the photo analysis's face boxes) →
 * decode (≤ 16 MP upright working copy: the face needs detail) → landmarks → metrics → save. A content already
 * analysed by this {@link SkinAnalyzer#VERSION} (anyone's check-in of the same bytes) is not analysed again.
 * Until the photo's analysis has run, an attempt fails and is retried with backoff ({@value #MAX_ATTEMPTS} attempts).
 */
@Component
class SkinAnalyseJob implements JobHandler<SkinAnalyseJob.Payload> {

    /** The check-in's photo and the stored content's facts; {@code width}, {@code height}: as stored (before orientation). */
    record Payload(UUID photoId, String sha256, String format, long sizeBytes, int width, int height, int orientation, int uprightWidth) {
    }

    /** How it ended: the analysis status ({@code done}, {@code no_face}, {@code face_too_small}) and whether a cached analysis was reused. */
    record Result(String status, boolean reused) {
    }

    static final JobType<Payload> TYPE = JobType.of("skin.analyse", "Skin analysis", JobQueue.CPU, Payload.class);
    static final long WORKING_PIXELS = 16_000_000;
    static final int MAX_ATTEMPTS = 8;

    private final PhotoService photos;
    private final AnalysisService analyses;
    private final SkinAnalyzer analyzer;
    private final SkinResults results;
    private final SkinOutcomes outcomes;

    SkinAnalyseJob(PhotoService photos, AnalysisService analyses, SkinAnalyzer analyzer, SkinResults results, SkinOutcomes outcomes) {
        this.photos = photos;
        this.analyses = analyses;
        this.analyzer = analyzer;
        this.results = results;
        this.outcomes = outcomes;
    }

    static JobRequest<Payload> request(PhotoAdded photo) {
        return JobRequest.of(TYPE, photo.ownerId(), new Payload(photo.photoId(), photo.sha256(), photo.format(), photo.sizeBytes(),
                photo.storedWidth(), photo.storedHeight(), photo.orientation(), photo.uprightWidth()))
                .about(photo.photoId()).withMaxAttempts(MAX_ATTEMPTS);
    }

    @Override
    public JobType<Payload> type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context, Payload p) throws Exception {
        Optional<String> cached = results.status(p.sha256());
        if (cached.isPresent()) {
            context.progress(0.9, "save", "Reusing the analysis of the same photo");
            outcomes.measured(p.photoId(), context.jobId(), SkinAnalyzer.VERSION);
            context.result(new Result(cached.get(), true));
            return;
        }
        context.progress(0.05, "faces", "Waiting for the photo's face detection");
        Map<String, Object> attributes = analyses.find(p.sha256())
                .orElseThrow(() -> new FacesNotReadyException("The photo's face detection has not finished yet."));
        List<Map<?, ?>> stored = faceBoxes(attributes);
        SkinOutcome outcome;
        if (stored.isEmpty()) {
            outcome = new SkinOutcome.Refused(CheckinStatus.NO_FACE, "No face was found in this photo.");
        } else {
            context.progress(0.2, "decode", "Reading the photo");
            try (PointerScope scope = new PointerScope();
                 Mat working = photos.workingCopy(p.sha256(), p.format(), p.sizeBytes(), p.width(), p.height(), p.orientation(), WORKING_PIXELS)) {
                double toWorking = working.cols() / (double) p.uprightWidth();
                context.progress(0.4, "landmarks", "Finding the face's landmarks and skin regions");
                outcome = analyzer.analyse(working, stored.stream().map(box -> faceBox(box, toWorking)).toList());
            }
        }
        context.progress(0.8, "metrics", outcome instanceof SkinOutcome.Measured m
                ? "Redness " + SkinWording.value(SkinMetric.REDNESS, m.whole().redness()) + ", " + SkinWording.value(SkinMetric.BLEMISHES, m.whole().blemishes())
                : ((SkinOutcome.Refused) outcome).reason());
        context.progress(0.9, "save", "Saving the results");
        String status = results.save(p.sha256(), outcome);
        outcomes.measured(p.photoId(), context.jobId(), SkinAnalyzer.VERSION);
        context.result(new Result(status, false));
    }

    private static List<Map<?, ?>> faceBoxes(Map<String, Object> attributes) {
        var boxes = new ArrayList<Map<?, ?>>();
        if (attributes.get(Attribute.FACE_BOXES.key()) instanceof List<?> list) {
            for (Object item : list) if (item instanceof Map<?, ?> box) boxes.add(box);
        }
        return boxes;
    }

    /** A stored face box (upright original pixels, {@code rightEye}/{@code leftEye} when present) scaled into the working copy. */
    static FaceBox faceBox(Map<?, ?> box, double scale) {
        return new FaceBox(number(box, "x") * scale, number(box, "y") * scale, number(box, "w") * scale, number(box, "h") * scale,
                number(box, "confidence"), point(box.get("rightEye"), scale), point(box.get("leftEye"), scale));
    }

    private static double number(Map<?, ?> box, String key) {
        return box.get(key) instanceof Number n ? n.doubleValue() : 0;
    }

    private static double @Nullable [] point(@Nullable Object value, double scale) {
        if (value instanceof List<?> list && list.size() >= 2 && list.get(0) instanceof Number x && list.get(1) instanceof Number y) {
            return new double[] {x.doubleValue() * scale, y.doubleValue() * scale};
        }
        return null;
    }

    /** The photo's analysis (its faces) is not there yet: the attempt fails and is retried later. */
    static final class FacesNotReadyException extends RuntimeException {
        FacesNotReadyException(String message) {
            super(message);
        }
    }
}
