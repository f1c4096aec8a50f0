package dev.lightbox.skin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.lightbox.analysis.service.BlazeFaceForTests;
import dev.lightbox.support.TestImages;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

/**
 * The skin analysis on real faces (Grace Hopper; Messi, enlarged so his face is wide enough) and on variants
 * of them made here, each changing one thing the way it happens to skin or to a photo: every metric moves in
 * the direction the README documents, and a change of light moves redness far less than red cheeks do.
 */
class SkinAnalyzerTest {

    static final SkinAnalyzer ANALYZER = new SkinAnalyzer();

    static Mat grace() {
        return TestImages.decode(TestImages.read(TestImages.GRACE_HOPPER));
    }

    /** Messi's face is ~35 px wide in the original: enlarged 4× it is wide enough to measure. */
    static Mat messi() {
        Mat original = TestImages.decode(TestImages.read(TestImages.MESSI));
        Mat big = new Mat();
        resize(original, big, new Size(), 4, 4, INTER_CUBIC);
        return big;
    }

    static List<FaceBox> faces(Mat bgr) {
        return BlazeFaceForTests.detect(bgr).stream().map(face -> FaceBox.fromStored(face, 1)).toList();
    }

    static SkinOutcome.Measured measure(Mat bgr) {
        SkinOutcome outcome = ANALYZER.analyse(bgr, faces(bgr));
        assertThat(outcome).isInstanceOf(SkinOutcome.Measured.class);
        return (SkinOutcome.Measured) outcome;
    }

    @Test
    void graceHopperIsMeasuredWithEveryRegionAndTheCropPictures() {
        SkinOutcome.Measured m = measure(grace());
        assertThat(m.regions()).containsOnlyKeys(SkinRegion.values());
        assertThat(m.whole().redness()).as("skin a*").isBetween(5.0, 35.0);
        assertThat(m.whole().evenness()).isBetween(0.0, 1.0);
        assertThat(m.whole().shine()).isBetween(0.0, 1.0);
        assertThat(m.details().faceWidth()).as("her face, cheek to cheek, in the 512 px photo").isBetween(150, 230);
        assertThat(m.cropWidth()).isEqualTo(SkinAnalyzer.CROP);
        Mat crop = TestImages.decode(m.cropJpeg());
        Mat annotated = TestImages.decode(m.annotatedJpeg());
        assertThat(Math.max(crop.cols(), crop.rows())).isLessThanOrEqualTo(512);
        assertThat(crop.cols()).isEqualTo(m.cropWidth());
        assertThat(annotated.cols()).isEqualTo(m.cropWidth());
        assertThat(meanAbsDifference(crop, annotated)).as("outlines drawn on the annotated crop").isGreaterThan(2);
        for (SkinRegion region : SkinRegion.values()) {
            List<double[]> polygon = m.polygons().get(region);
            assertThat(polygon).hasSizeGreaterThanOrEqualTo(4);
            for (double[] p : polygon) {
                assertThat(p[0]).isBetween(0.0, (double) m.cropWidth());
                assertThat(p[1]).isBetween(0.0, (double) m.cropHeight());
            }
        }
        // in the upright crop the forehead is above the nose, the nose above the chin, the right cheek on the image's left
        assertThat(centre(m, SkinRegion.FOREHEAD)[1]).isLessThan(centre(m, SkinRegion.NOSE)[1]);
        assertThat(centre(m, SkinRegion.NOSE)[1]).isLessThan(centre(m, SkinRegion.CHIN)[1]);
        assertThat(centre(m, SkinRegion.RIGHT_CHEEK)[0]).isLessThan(centre(m, SkinRegion.NOSE)[0]);
        assertThat(centre(m, SkinRegion.LEFT_CHEEK)[0]).isGreaterThan(centre(m, SkinRegion.NOSE)[0]);
    }

    @Test
    void variantsMoveEachMetricInItsDocumentedDirectionAndLightBarelyMovesRedness() {
        for (Mat face : List.of(grace(), messi())) {
            FaceMesh.Landmarks landmarks = ANALYZER.landmarks(face, faces(face).getFirst());
            SkinOutcome.Measured base = measure(face);
            SkinOutcome.Measured red = measure(Variants.redCheeks(face, landmarks));
            SkinOutcome.Measured spotted = measure(Variants.spots(face, landmarks));
            SkinOutcome.Measured shiny = measure(Variants.highlights(face, landmarks));
            SkinOutcome.Measured grainy = measure(Variants.grain(face));
            SkinOutcome.Measured warm = measure(Variants.warmCast(face));
            SkinOutcome.Measured bright = measure(Variants.exposure(face, 1.15));

            // redness: up with red cheeks, on the cheeks most
            double reddening = red.whole().redness() - base.whole().redness();
            assertThat(reddening).as("whole-skin redness, red cheeks").isGreaterThan(1.5);
            for (SkinRegion cheek : List.of(SkinRegion.LEFT_CHEEK, SkinRegion.RIGHT_CHEEK)) {
                double cheekReddening = redness(red, cheek) - redness(base, cheek);
                assertThat(cheekReddening).as(cheek + " redness, red cheeks").isGreaterThan(6);
                assertThat(cheekReddening).as(cheek + " vs forehead").isGreaterThan(3 * Math.abs(redness(red, SkinRegion.FOREHEAD)
                        - redness(base, SkinRegion.FOREHEAD)));
                // a change of light moves it less than a third as much
                assertThat(Math.abs(redness(warm, cheek) - redness(base, cheek))).as(cheek + " redness, warm cast").isLessThan(cheekReddening / 3);
                assertThat(Math.abs(redness(bright, cheek) - redness(base, cheek))).as(cheek + " redness, +15% exposure").isLessThan(cheekReddening / 3);
            }
            assertThat(Math.abs(warm.whole().redness() - base.whole().redness())).as("whole-skin redness, warm cast").isLessThan(reddening / 3);
            assertThat(Math.abs(bright.whole().redness() - base.whole().redness())).as("whole-skin redness, +15% exposure").isLessThan(reddening / 3);
            assertThat(red.details().rednessShare()).as("share of red skin").isGreaterThan(base.details().rednessShare());

            // blemishes: a dozen drawn spots are (mostly) found; their area grows
            assertThat(spotted.whole().blemishes()).as("blemishes, spots drawn").isGreaterThanOrEqualTo(base.whole().blemishes() + 6);
            assertThat(spotted.details().blemishArea()).isGreaterThan(base.details().blemishArea());
            // evenness: down with spots and with red cheeks
            assertThat(spotted.whole().evenness()).as("evenness, spots").isLessThan(base.whole().evenness());
            assertThat(red.whole().evenness()).as("evenness, red cheeks").isLessThan(base.whole().evenness());
            // texture: up with grain
            assertThat(grainy.whole().texture()).as("texture, grain").isGreaterThan(base.whole().texture() * 1.1);
            // shine: up with highlights
            assertThat(shiny.whole().shine()).as("shine, highlights").isGreaterThan(base.whole().shine() + 0.02);
            // the normalisation did its part: the warm cast is undone by the white balance, the brighter light by the exposure gain
            assertThat(warm.details().gainBlue() / warm.details().gainRed())
                    .isGreaterThan(1.3 * base.details().gainBlue() / base.details().gainRed());
            assertThat(bright.details().exposureGain()).isLessThan(base.details().exposureGain() / 1.1);
        }
    }

    /** The metrics are taken on a crop with the face 256 px wide: the photo's resolution barely matters. */
    @Test
    void theSameFaceAtAnotherResolutionMeasuresAlike() {
        Mat grace = grace();
        SkinOutcome.Measured base = measure(grace);
        for (double scale : new double[] {0.75, 2.0}) {
            Mat resized = new Mat();
            resize(grace, resized, new Size(), scale, scale, scale < 1 ? INTER_AREA : INTER_CUBIC);
            SkinOutcome.Measured other = measure(resized);
            assertThat(other.details().faceWidth()).isCloseTo((int) Math.round(base.details().faceWidth() * scale),
                    org.assertj.core.data.Percentage.withPercentage(5));
            assertThat(other.whole().redness()).as("redness at ×" + scale).isCloseTo(base.whole().redness(), org.assertj.core.data.Offset.offset(1.0));
            assertThat(other.whole().evenness()).as("evenness at ×" + scale).isCloseTo(base.whole().evenness(), org.assertj.core.data.Offset.offset(0.05));
            assertThat(other.whole().shine()).as("shine at ×" + scale).isCloseTo(base.whole().shine(), org.assertj.core.data.Offset.offset(0.01));
            for (SkinRegion region : SkinRegion.values()) {
                double[] here = centre(other, region);
                double[] there = centre(base, region);
                assertThat(Math.hypot(here[0] - there[0], here[1] - there[1])).as(region + " outline in the crop").isLessThan(6.0);
            }
        }
    }

    private static double redness(SkinOutcome.Measured m, SkinRegion region) {
        return m.regions().get(region).redness();
    }

    private static double[] centre(SkinOutcome.Measured m, SkinRegion region) {
        double x = 0, y = 0;
        List<double[]> polygon = m.polygons().get(region);
        for (double[] p : polygon) {
            x += p[0] / polygon.size();
            y += p[1] / polygon.size();
        }
        return new double[] {x, y};
    }

    static double meanAbsDifference(Mat a, Mat b) {
        Mat diff = new Mat();
        org.bytedeco.opencv.global.opencv_core.absdiff(a, b, diff);
        return org.bytedeco.opencv.global.opencv_core.mean(diff).get(0);
    }
}
