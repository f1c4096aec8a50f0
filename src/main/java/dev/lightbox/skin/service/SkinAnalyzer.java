package dev.lightbox.skin.service;

import static org.bytedeco.opencv.global.opencv_core.CV_16U;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import dev.lightbox.skin.service.SkinMetrics.Planes;
import dev.lightbox.skin.service.SkinMetrics.Spot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.springframework.stereotype.Component;

/**
 * The skin analysis of one photo: the largest face → Face Mesh landmarks → an upright crop in which the face
 * is {@link #FACE_WIDTH} px wide (so metrics do not depend on resolution) → skin mask and regions from
 * landmark outlines → lighting normalisation ({@link LightingNormaliser}) → the five metrics
 * ({@link SkinMetrics}) for the whole skin and each region, plus the crop as JPEG, plain and annotated.
 * Every native object made on the way is freed before it returns. Safe to call from several threads.
 */
@Component
class SkinAnalyzer {

    /** Bump when any metric's definition, the crop or the normalisation changes: cached results are then redone. */
    static final int VERSION = 2;
    static final int MIN_FACE_WIDTH = 120;
    static final double MIN_PRESENCE = 0.5;
    /** The face's width (cheek to cheek, landmarks 234–454) in the measured crop. */
    static final int FACE_WIDTH = 256;
    /** The square crop's side: the face and some of what is around it, within the 512 px the crop JPEG may have. */
    static final int CROP = 448;
    /**
     * All channels at this (0..1) or above: clipped to white in the photo, the pixel has no colour left. (Only
     * all three: leaving out pixels with one clipped channel would make the measured set jump with a cast.)
     */
    static final int CLIPPED = 250;

    private final FaceMesh mesh;

    SkinAnalyzer() {
        this(FaceMesh.bundled());
    }

    SkinAnalyzer(FaceMesh mesh) {
        this.mesh = mesh;
    }

    /**
     * {@code faces}: boxes in {@code uprightBgr}'s own pixels; the largest is the subject. Boxes that are not
     * numbers or lie wholly outside the image (a stale or mis-scaled record) are ignored.
     */
    SkinOutcome analyse(Mat uprightBgr, List<FaceBox> faces) {
        var usable = faces.stream().filter(face -> face.within(uprightBgr.cols(), uprightBgr.rows())).toList();
        if (usable.isEmpty()) return new SkinOutcome.Refused(CheckinStatus.NO_FACE, "No face was found in the photo.");
        FaceBox subject = usable.stream().max(Comparator.comparingDouble(FaceBox::area)).orElseThrow();
        if (subject.w() < MIN_FACE_WIDTH) return tooSmall(subject.w());
        try (PointerScope scope = new PointerScope()) {
            Mat bgr = colour(uprightBgr);
            FaceMesh.Landmarks landmarks = mesh.locate(bgr, subject);
            if (landmarks.presence() < MIN_PRESENCE) {
                return new SkinOutcome.Refused(CheckinStatus.NO_FACE, "No face could be measured: the face landmarks were not found.");
            }
            return measure(bgr, subject, landmarks);
        }
    }

    /** Landmarks for the largest face (tests and the bench look at them directly). */
    FaceMesh.Landmarks landmarks(Mat uprightBgr, FaceBox face) {
        try (PointerScope scope = new PointerScope()) {
            return mesh.locate(colour(uprightBgr), face);
        }
    }

    /** Everything below reads 8-bit BGR: a grey or BGRA image is converted (a grey face then has no redness). */
    private static Mat colour(Mat image) {
        if (image.type() == CV_8UC3) return image;
        Mat eightBit = image;
        if (image.depth() != CV_8U) {
            eightBit = new Mat();
            image.convertTo(eightBit, CV_8U, image.depth() == CV_16U ? 1 / 257.0 : 1, 0);
        }
        Mat bgr = new Mat();
        switch (eightBit.channels()) {
            case 1 -> cvtColor(eightBit, bgr, COLOR_GRAY2BGR);
            case 4 -> cvtColor(eightBit, bgr, COLOR_BGRA2BGR);
            default -> eightBit.copyTo(bgr);
        }
        return bgr;
    }

    private static SkinOutcome.Refused tooSmall(double width) {
        return new SkinOutcome.Refused(CheckinStatus.FACE_TOO_SMALL, "The face is only " + Math.round(width)
                + " px wide; skin needs at least " + MIN_FACE_WIDTH + " px, so take the photo closer or at a higher resolution.");
    }

    private SkinOutcome measure(Mat bgr, FaceBox subject, FaceMesh.Landmarks landmarks) {
        double faceWidth = Math.hypot(landmarks.x()[Mesh.FACE_LEFT] - landmarks.x()[Mesh.FACE_RIGHT],
                landmarks.y()[Mesh.FACE_LEFT] - landmarks.y()[Mesh.FACE_RIGHT]);
        Affine toImage = uprightCrop(landmarks, faceWidth);
        Mat crop = toImage.crop(bgr, CROP, CROP);
        double[][] points = new double[FaceMesh.POINTS][];
        for (int i = 0; i < FaceMesh.POINTS; i++) points[i] = toImage.toCrop(landmarks.x()[i], landmarks.y()[i]);

        byte[] skin = FaceMasks.skin(points, CROP, CROP);
        LightingNormaliser.LinearCrop linear = LightingNormaliser.LinearCrop.of(crop, skin);
        Map<SkinRegion, List<double[]>> outlines = new EnumMap<>(SkinRegion.class);
        for (SkinRegion region : SkinRegion.values()) outlines.put(region, SkinRegions.outline(region, points));

        LightingNormaliser.Gains gains = LightingNormaliser.whiteBalance(bgr, subject);
        double exposure = LightingNormaliser.exposure(linear, skin, gains);
        Mat linearLight = linear.normalised(gains, exposure, CROP, CROP);

        Planes planes = SkinMetrics.planes(linearLight, linear.saturation(), skin, linear.clipped());
        List<Spot> spots = SkinMetrics.spots(planes, skin);
        SkinValues whole = SkinMetrics.measure(planes, skin, spots);
        Map<SkinRegion, SkinValues> regions = new EnumMap<>(SkinRegion.class);
        outlines.forEach((region, outline) ->
                regions.put(region, SkinMetrics.measure(planes, FaceMasks.and(FaceMasks.polygon(outline, CROP, CROP), skin), spots)));
        double blemishArea = spots.stream().mapToDouble(Spot::area).sum() / ((double) FACE_WIDTH * FACE_WIDTH);
        var details = new SkinDetails(SkinMetrics.redShare(planes, skin), blemishArea, (int) Math.round(faceWidth), exposure,
                gains.blue(), gains.green(), gains.red());

        Map<SkinRegion, List<double[]>> polygons = new EnumMap<>(SkinRegion.class);
        outlines.forEach((region, outline) -> polygons.put(region, rounded(outline)));
        return new SkinOutcome.Measured(whole, regions, details, CropPictures.jpeg(crop), CropPictures.jpeg(CropPictures.annotated(crop, outlines)),
                CROP, CROP, polygons);
    }

    /** The crop turned level by the eye corners, centred on the face oval, the face {@link #FACE_WIDTH} px wide. */
    private static Affine uprightCrop(FaceMesh.Landmarks landmarks, double faceWidth) {
        FaceMesh.LevelBounds oval = landmarks.levelBounds(Arrays.stream(Mesh.FACE_OVAL));
        return Affine.centred(oval.centreX(), oval.centreY(), Math.max(1e-3, faceWidth) / FACE_WIDTH, oval.roll(), CROP, CROP);
    }

    private static List<double[]> rounded(List<double[]> outline) {
        var out = new ArrayList<double[]>(outline.size());
        for (double[] p : outline) out.add(new double[] {Math.round(p[0] * 10) / 10.0, Math.round(p[1] * 10) / 10.0});
        return List.copyOf(out);
    }
}
