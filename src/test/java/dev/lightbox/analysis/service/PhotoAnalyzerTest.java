package dev.lightbox.analysis.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import dev.lightbox.support.TestImages;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The attributes on real photos from Debian packages and on variants made from them. */
class PhotoAnalyzerTest {

    private static PhotoAnalyzer analyzer;
    private static FaceDetector faces;

    @BeforeAll
    static void models() throws Exception {
        var configuration = new AnalysisConfiguration();
        analyzer = configuration.photoAnalyzer();
        faces = configuration.faceDetector("");
    }

    private static Mat photo(java.nio.file.Path path) {
        return TestImages.decode(TestImages.read(path));
    }

    private static Map<String, Object> technical(Mat image) {
        return analyzer.technical(image);
    }

    private static double number(Map<String, Object> attributes, String name) {
        return ((Number) attributes.get(name)).doubleValue();
    }

    @Test
    void aBlurredCopyIsLessSharp() {
        Mat original = photo(TestImages.MESSI);
        Mat blurred = new Mat();
        GaussianBlur(original, blurred, new Size(15, 15), 0);
        double sharp = number(technical(original), "sharpness");
        double soft = number(technical(blurred), "sharpness");
        assertThat(soft).isLessThan(sharp * 0.5);
        assertThat(number(technical(blurred), "brisque")).as("BRISQUE: lower is better").isGreaterThan(number(technical(original), "brisque"));
    }

    @Test
    void exposureReadsUnderForAQuarterOfTheLightAndOverWhenBrightened() {
        Mat original = photo(TestImages.MESSI);
        Mat dark = new Mat();
        original.convertTo(dark, -1, 0.25, 0);
        Mat bright = new Mat();
        original.convertTo(bright, -1, 1.6, 110);
        assertThat(technical(original).get("exposure")).isEqualTo("ok");
        assertThat(technical(dark).get("exposure")).isEqualTo("under");
        assertThat(technical(bright).get("exposure")).isEqualTo("over");
        assertThat(number(technical(dark), "brightness")).isLessThan(number(technical(original), "brightness"));
        assertThat(number(technical(bright), "highlightClipping")).isGreaterThan(number(technical(original), "highlightClipping"));
    }

    @Test
    void aFifthOfTheFrameClippedIsMisExposedWhateverTheAverage() {
        Mat portrait = photo(TestImages.GRACE_HOPPER);
        assertThat(technical(portrait).get("exposure")).isEqualTo("ok");
        // contrast pushed until over a quarter of the frame is blown out, yet averaging mid-grey with some dark clothes
        Mat blown = new Mat();
        portrait.convertTo(blown, -1, 2.5, -30);
        var blownAttributes = technical(blown);
        assertThat(number(blownAttributes, "highlightClipping")).isGreaterThan(0.25);
        assertThat(number(blownAttributes, "brightness")).isLessThan(0.6);
        assertThat(number(blownAttributes, "shadowClipping")).isBetween(0.02, 0.2);
        assertThat(blownAttributes.get("exposure")).isEqualTo("over");
        // both ends clipped past a fifth: the larger share decides
        Mat harsh = new Mat();
        portrait.convertTo(harsh, -1, 2.0, -30);
        var harshAttributes = technical(harsh);
        assertThat(number(harshAttributes, "shadowClipping")).isGreaterThan(0.2).isGreaterThan(number(harshAttributes, "highlightClipping"));
        assertThat(harshAttributes.get("exposure")).isEqualTo("under");
        // a quarter of the frame crushed to black, the rest untouched
        Mat crushed = portrait.clone();
        rectangle(crushed, new Point(0, 0), new Point(crushed.cols() - 1, crushed.rows() / 4), new Scalar(0, 0, 0, 0), FILLED, 8, 0);
        var crushedAttributes = technical(crushed);
        assertThat(number(crushedAttributes, "shadowClipping")).isBetween(0.2, 0.4);
        assertThat(crushedAttributes.get("exposure")).isEqualTo("under");
        // a tenth clipped is still ok
        Mat touched = portrait.clone();
        rectangle(touched, new Point(0, 0), new Point(touched.cols() - 1, touched.rows() / 10), new Scalar(255, 255, 255, 0), FILLED, 8, 0);
        assertThat(technical(touched).get("exposure")).isEqualTo("ok");
    }

    @Test
    void grayscaleHasNoColourAndAVividPhotoHasMuch() {
        Mat vivid = photo(TestImages.FRUITS);
        Mat gray = new Mat();
        Mat grayBgr = new Mat();
        cvtColor(vivid, gray, COLOR_BGR2GRAY);
        cvtColor(gray, grayBgr, COLOR_GRAY2BGR);
        assertThat(number(technical(grayBgr), "colorfulness")).isLessThan(1.0);
        assertThat(number(technical(grayBgr), "saturation")).isLessThan(0.01);
        assertThat(number(technical(vivid), "colorfulness")).isGreaterThan(40);
    }

    @Test
    void aPortraitHasAFaceBoxOnTheFaceAndALandscapeHasNone() {
        assertThat(faces.name()).isEqualTo(BlazeFaceDetector.NAME);
        assertFacesFound(faces);
    }

    @Test
    void theHaarCascadeStandsInWhenTheModelCannotLoad(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        FaceDetector missing = AnalysisConfiguration.chooseFaceDetector(dir.resolve("nothing-here.tflite").toString());
        java.nio.file.Path garbage = java.nio.file.Files.write(dir.resolve("garbage.tflite"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        FaceDetector broken = AnalysisConfiguration.chooseFaceDetector(garbage.toString());
        assertThat(missing.name()).isEqualTo(HaarFaceDetector.NAME);
        assertThat(broken.name()).isEqualTo(HaarFaceDetector.NAME);
        assertFacesFound(broken);
    }

    @Test
    void blazeFaceFindsMessisFaceInTheFootballPhoto() {
        List<Map<String, Object>> found = faces.detect(photo(TestImages.MESSI), 1.0);
        assertThat(found).hasSize(1);
        int cx = (int) found.getFirst().get("x") + (int) found.getFirst().get("w") / 2;
        int cy = (int) found.getFirst().get("y") + (int) found.getFirst().get("h") / 2;
        // his head is near (240, 105) of the 548×342 frame
        assertThat(cx).isBetween(215, 265);
        assertThat(cy).isBetween(80, 130);
    }

    private static void assertFacesFound(FaceDetector faces) {
        Mat portrait = photo(TestImages.GRACE_HOPPER);
        List<Map<String, Object>> found = faces.detect(portrait, 1.0);
        assertThat(found).isNotEmpty();
        var face = found.getFirst();
        int cx = (int) face.get("x") + (int) face.get("w") / 2;
        int cy = (int) face.get("y") + (int) face.get("h") / 2;
        // Grace Hopper's face is in the upper middle of the 512×512 portrait
        assertThat(cx).isBetween(170, 340);
        assertThat(cy).isBetween(100, 300);
        assertThat((double) face.get("confidence")).isBetween(0.0, 1.0);

        assertThat(faces.detect(photo(TestImages.ICE_BLOCK), 1.0)).isEmpty();
        assertThat((int) faces.detect(portrait, 2.0).getFirst().get("w")).as("boxes scale to original pixels")
                .isCloseTo(2 * (int) face.get("w"), org.assertj.core.data.Offset.offset(1));
    }

    @Test
    void everyAttributeIsAFiniteNumberInItsRange() {
        for (var path : List.of(TestImages.GRACE_HOPPER, TestImages.MESSI, TestImages.ICE_BLOCK, TestImages.FRUITS)) {
            Mat image = photo(path);
            var all = new java.util.HashMap<String, Object>(analyzer.technical(image));
            all.putAll(analyzer.composition(image));
            for (String unit : List.of("sharpness", "brightness", "shadowClipping", "highlightClipping", "contrast", "saturation", "noise", "thirds")) {
                assertThat(number(all, unit)).as(path + " " + unit).isBetween(0.0, 1.0);
            }
            assertThat(number(all, "colorfulness")).isFinite().isGreaterThanOrEqualTo(0);
            assertThat(number(all, "brisque")).isFinite();
            assertThat(number(all, "horizonTilt")).isBetween(-20.0, 20.0);
            assertThat(all.get("exposure")).isIn("under", "ok", "over");
        }
    }

    @Test
    void aTiltedHorizonReadsAsATilt() {
        Mat scene = new Mat(600, 900, org.bytedeco.opencv.global.opencv_core.CV_8UC3, new org.bytedeco.opencv.opencv_core.Scalar(200, 150, 100, 0));
        // sea below a line that drops 5° to the right
        var points = new org.bytedeco.opencv.opencv_core.Point(4);
        double drop = Math.tan(Math.toRadians(5)) * 900;
        points.position(0).x(0).y(300);
        points.position(1).x(900).y((int) (300 + drop));
        points.position(2).x(900).y(600);
        points.position(3).x(0).y(600);
        points.position(0);
        org.bytedeco.opencv.global.opencv_imgproc.fillConvexPoly(scene, points, 4, new org.bytedeco.opencv.opencv_core.Scalar(90, 60, 20, 0));
        assertThat(number(analyzer.composition(scene), "horizonTilt")).isCloseTo(5.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(number(analyzer.composition(scene), "horizonConfidence")).as("a line across the frame between two regions").isGreaterThan(0.8);
        assertThat(Loader.getPlatform()).isEqualTo("linux-x86_64");
    }
}
