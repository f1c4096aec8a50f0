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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.springframework.stereotype.Component;

/**
 * {@code skin.analyse}: measures one check-in. Steps: faces (the photo analysis's face boxes) →
 * decode (≤ 16 MP upright working copy: the face needs detail) → landmarks → metrics → save. A content already
 * analysed by this {@link SkinAnalyzer#VERSION} (anyone's check-in of the same bytes) is not analysed again.
 * It is queued only once the photo's analysis exists ({@link SkinCheckinJobs}), so it never waits for the faces.
 */
@Component
class SkinAnalyseJob implements JobHandler<SkinAnalyseJob.Payload> {

    /** The check-in's photo and the stored content's facts; {@code width}, {@code height}: as stored (before orientation). */
    record Payload(UUID photoId, String sha256, String format, long sizeBytes, int width, int height, int orientation, int uprightWidth) {
    }

    /**
     * How it ended: the analysis status ({@code done}, {@code no_face}, {@code face_too_small}; {@code removed} when the check-in
     * was gone before it started) and whether a cached analysis was reused.
     */
    record Result(String status, boolean reused) {
    }

    static final JobType<Payload> TYPE = JobType.of("skin.analyse", "Skin analysis", JobQueue.CPU, Payload.class);
    static final long WORKING_PIXELS = 16_000_000;
    static final int MAX_ATTEMPTS = 3;

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

    /** The job of the check-in of {@code photo} added at {@code addedAt}: one per check-in, so queueing it twice is harmless. */
    static JobRequest<Payload> request(PhotoAdded photo, Instant addedAt) {
        return JobRequest.of(TYPE, photo.ownerId(), new Payload(photo.photoId(), photo.sha256(), photo.format(), photo.sizeBytes(),
                photo.storedWidth(), photo.storedHeight(), photo.orientation(), photo.uprightWidth()))
                .about(photo.photoId()).withMaxAttempts(MAX_ATTEMPTS)
                .dedupedBy("skin.analyse:" + photo.photoId() + ":" + addedAt.truncatedTo(ChronoUnit.MICROS));
    }

    @Override
    public JobType<Payload> type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context, Payload p) throws Exception {
        if (!outcomes.wanted(context.jobId())) {
            context.progress(1, "save", "The check-in was removed meanwhile: nothing to measure");
            context.result(new Result("removed", false));
            return;
        }
        Optional<String> cached = results.status(p.sha256());
        if (cached.isPresent()) {
            context.progress(0.9, "save", "Reusing the analysis of the same photo");
            outcomes.measured(p.photoId(), context.jobId(), SkinAnalyzer.VERSION);
            context.result(new Result(cached.get(), true));
            return;
        }
        context.progress(0.05, "faces", "Reading the photo's faces");
        // never expected: the job is queued only once the analysis exists, and an analysis is replaced, not removed, while photos hold it
        Map<String, Object> attributes = analyses.find(p.sha256())
                .orElseThrow(() -> new IllegalStateException("The photo's face detection result is missing."));
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
                outcome = analyzer.analyse(working, stored.stream().map(box -> FaceBox.fromStored(box, toWorking)).toList());
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
}
