package dev.lightbox.skin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2BGRA;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.lightbox.support.TestImages;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

/** Photos the skin analysis cannot measure are refused with a reason; with several faces the largest is measured. */
class SkinRefusalTest {

    @Test
    void fruitHasNoFaceEvenWhenABoxIsForcedOnIt() {
        Mat fruit = TestImages.decode(TestImages.read(TestImages.FRUITS));
        assertThat(SkinAnalyzerTest.faces(fruit)).isEmpty();
        assertThat(SkinAnalyzerTest.ANALYZER.analyse(fruit, List.of())).isEqualTo(
                new SkinOutcome.Refused(CheckinStatus.NO_FACE, "No face was found in the photo."));
        // a stored box that points at no face (a stale or wrong detection): the landmark model's presence says no
        FaceBox wrong = new FaceBox(fruit.cols() / 2.0 - 120, fruit.rows() / 2.0 - 120, 240, 240, 0.9, null, null);
        SkinOutcome outcome = SkinAnalyzerTest.ANALYZER.analyse(fruit, List.of(wrong));
        assertThat(outcome).isInstanceOf(SkinOutcome.Refused.class);
        assertThat(((SkinOutcome.Refused) outcome).status()).isEqualTo(CheckinStatus.NO_FACE);
    }

    @Test
    void boxesThatAreNotNumbersOrLieOutsideThePhotoAreNoFace() {
        Mat grace = SkinAnalyzerTest.grace();
        for (FaceBox box : List.of(new FaceBox(Double.NaN, 10, 200, 200, 0.9, null, null),
                new FaceBox(10, 10, Double.POSITIVE_INFINITY, 200, 0.9, null, null),
                new FaceBox(5000, 5000, 300, 300, 0.9, new double[] {5100, 5100}, new double[] {5200, 5100}),
                new FaceBox(-900, 10, 300, 300, 0.9, null, null))) {
            assertThat(SkinAnalyzerTest.ANALYZER.analyse(grace, List.of(box))).as(box.toString())
                    .isEqualTo(new SkinOutcome.Refused(CheckinStatus.NO_FACE, "No face was found in the photo."));
        }
    }

    @Test
    void aSmallFaceIsRefusedSayingHowWideItIs() {
        Mat messi = TestImages.decode(TestImages.read(TestImages.MESSI));
        Mat smallGrace = new Mat();
        resize(SkinAnalyzerTest.grace(), smallGrace, new Size(200, 200), 0, 0, INTER_AREA);
        for (Mat photo : List.of(messi, smallGrace)) {
            List<FaceBox> faces = SkinAnalyzerTest.faces(photo);
            assertThat(faces).hasSize(1);
            SkinOutcome outcome = SkinAnalyzerTest.ANALYZER.analyse(photo, faces);
            assertThat(outcome).isInstanceOf(SkinOutcome.Refused.class);
            var refused = (SkinOutcome.Refused) outcome;
            assertThat(refused.status()).isEqualTo(CheckinStatus.FACE_TOO_SMALL);
            assertThat(refused.reason()).contains(Math.round(faces.getFirst().w()) + " px wide").contains("120 px");
        }
    }

    @Test
    void theLargestFaceIsTheSubject() {
        Mat grace = SkinAnalyzerTest.grace();
        FaceBox her = SkinAnalyzerTest.faces(grace).getFirst();
        FaceBox smallerOnTheFlag = new FaceBox(0, 0, 130, 130, 0.99, null, null);
        var measured = (SkinOutcome.Measured) SkinAnalyzerTest.ANALYZER.analyse(grace, List.of(smallerOnTheFlag, her));
        assertThat(measured.details().faceWidth()).isBetween(150, 230);
    }

    @Test
    void aGreyPhotoIsMeasuredWithoutRednessAndAFourChannelOneAsItsColours() {
        Mat grace = SkinAnalyzerTest.grace();
        List<FaceBox> faces = SkinAnalyzerTest.faces(grace);
        Mat grey = new Mat();
        cvtColor(grace, grey, COLOR_BGR2GRAY);
        var measured = (SkinOutcome.Measured) SkinAnalyzerTest.ANALYZER.analyse(grey, faces);
        assertThat(measured.whole().redness()).as("a* of grey skin").isBetween(-1.0, 1.0);
        Mat bgra = new Mat();
        cvtColor(grace, bgra, COLOR_BGR2BGRA);
        var fromBgra = (SkinOutcome.Measured) SkinAnalyzerTest.ANALYZER.analyse(bgra, faces);
        var fromBgr = (SkinOutcome.Measured) SkinAnalyzerTest.ANALYZER.analyse(grace, faces);
        assertThat(fromBgra.whole()).isEqualTo(fromBgr.whole());
    }
}
