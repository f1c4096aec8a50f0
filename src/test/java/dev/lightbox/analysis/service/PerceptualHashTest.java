package dev.lightbox.analysis.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.lightbox.culling.CullingProperties;
import dev.lightbox.culling.domain.Shot;
import dev.lightbox.culling.service.Grouper;
import dev.lightbox.support.TestImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Near-duplicates by perceptual hash on real photos: 40 different pictures (Debian's opencv-doc and
 * facedetect examples), each with four copies (re-encoded at JPEG quality 50, resized to 40%, cropped by
 * 3% on every side, blurred with σ = 2): 200 pictures, 400 same-picture pairs and 19,500 different-picture
 * pairs. Precision and recall of "distance ≤ d" are printed for each d; the default must find every copy
 * and no different picture.
 */
class PerceptualHashTest {

    private static final Path DATA = Path.of("/usr/share/doc/opencv-doc/examples/data");
    static final List<Path> DIFFERENT = List.of(TestImages.GRACE_HOPPER, TestImages.ICE_BLOCK, TestImages.MESSI, TestImages.FRUITS,
            DATA.resolve("baboon.jpg"), DATA.resolve("building.jpg"), DATA.resolve("home.jpg"), DATA.resolve("butterfly.jpg"),
            DATA.resolve("HappyFish.jpg"), DATA.resolve("aero1.jpg"), DATA.resolve("aloeL.jpg"), DATA.resolve("apple.jpg"),
            DATA.resolve("basketball1.png"), DATA.resolve("blox.jpg"), DATA.resolve("board.jpg"), DATA.resolve("box_in_scene.png"),
            DATA.resolve("cards.png"), DATA.resolve("chicky_512.png"), DATA.resolve("graf1.png"), DATA.resolve("leuvenA.jpg"),
            DATA.resolve("licenseplate_motion.jpg"), DATA.resolve("orange.jpg"), DATA.resolve("pca_test1.jpg"), DATA.resolve("rubberwhale1.png"),
            DATA.resolve("smarties.png"), DATA.resolve("squirrel_cls.jpg"), DATA.resolve("starry_night.jpg"), DATA.resolve("stuff.jpg"),
            DATA.resolve("sudoku.png"), DATA.resolve("left01.jpg"), DATA.resolve("Blender_Suzanne1.jpg"), DATA.resolve("ela_original.jpg"),
            DATA.resolve("text_defocus.jpg"), DATA.resolve("notes.png"), DATA.resolve("box.png"), DATA.resolve("lena.jpg"),
            DATA.resolve("left.jpg"), DATA.resolve("pic1.png"), DATA.resolve("imageTextN.png"), DATA.resolve("ellipses.jpg"),
            DATA.resolve("detect_blob.png"), DATA.resolve("WindowsLogo.jpg"), DATA.resolve("LinuxLogo.jpg"), DATA.resolve("digits.png"));

    /** One picture of the set: which original it shows and its hash. */
    record Hashed(int original, String variant, long hash) {
    }

    static List<Hashed> set;
    static final double CROP = 0.03;

    @BeforeAll
    static void hashTheSet() {
        set = generatedSet(40);
    }

    /** {@code originals} different real photos, each as itself and four copies: 5 × originals pictures. */
    static List<Hashed> generatedSet(int originals) {
        var hashed = new ArrayList<Hashed>();
        int index = 0;
        for (Path path : DIFFERENT) {
            if (index == originals) break;
            if (!path.toFile().exists()) continue;
            Mat original = TestImages.decode(TestImages.read(path));
            hashed.add(new Hashed(index, "original", PerceptualHash.of(original)));
            hashed.add(new Hashed(index, "re-encoded", PerceptualHash.of(reencoded(original))));
            hashed.add(new Hashed(index, "resized", PerceptualHash.of(resized(original, 0.4))));
            hashed.add(new Hashed(index, "cropped", PerceptualHash.of(cropped(original, CROP))));
            hashed.add(new Hashed(index, "blurred", PerceptualHash.of(blurred(original, 2))));
            index++;
        }
        assertThat(index).as("real photos available").isEqualTo(originals);
        return hashed;
    }

    @Test
    void copiesAreFoundAndDifferentPhotosAreNot() {
        assertThat(set).hasSize(200);
        System.out.println("perceptual hash on 200 pictures (40 photos × original, re-encoded, resized, cropped, blurred):");
        System.out.println(" d  precision  recall   (same-picture pairs found / different-picture pairs within d)");
        for (int d = 2; d <= 20; d += 2) {
            Counts c = counts(d);
            System.out.printf("%2d  %8.4f  %7.4f   (%d of %d / %d of %d)%n", d, c.precision(), c.recall(), c.truePositives, c.positives,
                    c.falsePositives, c.negatives);
        }
        int d = CullingProperties.DEFAULT_SIMILAR_DISTANCE;
        Counts c = counts(d);
        System.out.printf("default d = %d: precision %.4f, recall %.4f%n", d, c.precision(), c.recall());
        worst(d);
        assertThat(c.positives).isEqualTo(400);
        assertThat(c.recall()).as("copies found at the default distance").isGreaterThanOrEqualTo(0.99);
        assertThat(c.precision()).as("pairs at the default distance that are copies").isEqualTo(1.0);
    }

    @Test
    void groupingAtTheDefaultDistanceFindsEachPhotoWithItsCopiesAndNothingElse() {
        var shots = new ArrayList<Shot>();
        var originalOf = new java.util.HashMap<java.util.UUID, Integer>();
        for (Hashed h : set) {
            var shot = new Shot(java.util.UUID.randomUUID(), java.time.LocalDateTime.now(java.time.ZoneOffset.UTC), false, null, h.hash(), true);
            shots.add(shot);
            originalOf.put(shot.photoId(), h.original());
        }
        var groups = Grouper.similar(shots, CullingProperties.DEFAULT_SIMILAR_DISTANCE);
        assertThat(groups).hasSize(40);
        assertThat(groups).allSatisfy(g -> {
            assertThat(g.photoIds()).hasSize(5);
            assertThat(g.photoIds().stream().map(originalOf::get).distinct()).hasSize(1);
        });
    }

    @Test
    void theHashIsSixteenHexDigitsAndReadsBack() {
        long hash = set.getFirst().hash();
        String hex = PerceptualHash.hex(hash);
        assertThat(hex).matches("[0-9a-f]{16}");
        assertThat(PerceptualHash.parse(hex)).isEqualTo(hash);
        assertThat(PerceptualHash.distance(hash, hash)).isZero();
    }

    private record Counts(int truePositives, int positives, int falsePositives, int negatives) {
        double precision() {
            return truePositives + falsePositives == 0 ? 1 : truePositives / (double) (truePositives + falsePositives);
        }

        double recall() {
            return truePositives / (double) positives;
        }
    }

    private static Counts counts(int d) {
        int tp = 0, positives = 0, fp = 0, negatives = 0;
        for (int i = 0; i < set.size(); i++) {
            for (int j = i + 1; j < set.size(); j++) {
                boolean same = set.get(i).original() == set.get(j).original();
                boolean near = PerceptualHash.distance(set.get(i).hash(), set.get(j).hash()) <= d;
                if (same) {
                    positives++;
                    if (near) tp++;
                } else {
                    negatives++;
                    if (near) fp++;
                }
            }
        }
        return new Counts(tp, positives, fp, negatives);
    }

    private static void worst(int d) {
        for (int i = 0; i < set.size(); i++) {
            for (int j = i + 1; j < set.size(); j++) {
                Hashed a = set.get(i), b = set.get(j);
                int distance = PerceptualHash.distance(a.hash(), b.hash());
                boolean same = a.original() == b.original();
                if (same && distance > d) System.out.printf("  missed: %s %s vs %s at %d%n", DIFFERENT.get(a.original()).getFileName(),
                        a.variant(), b.variant(), distance);
                if (!same && distance <= d) System.out.printf("  false match: %s vs %s at %d%n", DIFFERENT.get(a.original()).getFileName(),
                        DIFFERENT.get(b.original()).getFileName(), distance);
            }
        }
    }

    static Mat reencoded(Mat image) {
        byte[] jpeg;
        try (var out = new org.bytedeco.javacpp.BytePointer()) {
            opencv_imgcodecs.imencode(".jpg", image, out, new IntPointer(opencv_imgcodecs.IMWRITE_JPEG_QUALITY, 50));
            jpeg = new byte[(int) out.limit()];
            out.get(jpeg);
        }
        return TestImages.decode(jpeg);
    }

    static Mat resized(Mat image, double scale) {
        Mat small = new Mat();
        resize(image, small, new Size((int) Math.round(image.cols() * scale), (int) Math.round(image.rows() * scale)), 0, 0, INTER_AREA);
        return small;
    }

    static Mat cropped(Mat image, double share) {
        int dx = (int) Math.round(image.cols() * share);
        int dy = (int) Math.round(image.rows() * share);
        return new Mat(image, new Rect(dx, dy, image.cols() - 2 * dx, image.rows() - 2 * dy)).clone();
    }

    static Mat blurred(Mat image, double sigma) {
        Mat soft = new Mat();
        GaussianBlur(image, soft, new Size(0, 0), sigma);
        return soft;
    }
}
