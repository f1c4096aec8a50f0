package dev.lightbox.skin.service;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromTFLite;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_LBGR2Lab;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.WARP_INVERSE_MAP;
import static org.bytedeco.opencv.global.opencv_imgproc.connectedComponentsWithStats;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import dev.lightbox.analysis.service.BlazeFaceForTests;
import dev.lightbox.bench.MedianTime;
import dev.lightbox.support.TestImages;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.StringVector;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.junit.jupiter.api.Test;

/**
 * Skin analysis of 12 MP portraits on one thread: decode + {@link SkinAnalyzer#analyse} (two Face Mesh passes,
 * the upright 448 px crop, masks, lighting normalisation, the five metrics per region, two JPEGs), with the
 * face boxes given as the photo analysis stored them. Baseline, in the same run: the bare OpenCV calls that
 * analysis makes, with the same arguments, called directly (decode, two crop warps + blob + forward, the
 * area-shrink and warp of the face crop, float conversion, Lab, the blurs, connected components, two JPEG
 * encodes), native memory freed by one PointerScope.
 */
class SkinAnalysisBench {

    private static final int ROUNDS = 5;
    private static final Path DIRECTORY = Path.of("target", "bench", "12mp-portraits");

    @Test
    void skinAnalysisPerPhoto() throws Exception {
        List<byte[]> photos = portraits();
        SkinAnalyzer analyzer = new SkinAnalyzer();
        byte[] model;
        try (InputStream in = SkinAnalysisBench.class.getResourceAsStream(FaceMesh.MODEL)) {
            model = in.readAllBytes();
        }
        Net rawNet = readNetFromTFLite(model);
        List<List<FaceBox>> faces = new ArrayList<>();
        for (byte[] photo : photos) {
            Mat decoded = decode(photo);
            faces.add(BlazeFaceForTests.detect(decoded).stream().map(f -> FaceBox.fromStored(f, 1)).toList());
            System.out.printf("%nportrait %d×%d, face %.0f px wide: %s%n", decoded.cols(), decoded.rows(), faces.getLast().getFirst().w(),
                    analyzer.analyse(decoded, faces.getLast()) instanceof SkinOutcome.Measured m ? m.whole() : "refused");
        }
        System.out.printf("Skin analysis: %d portraits of 12 MP, 1 thread, median of %d rounds%n", photos.size(), ROUNDS);

        for (int i = 0; i < 3; i++) { // warm-up: JIT, native libraries, one net per thread
            for (int p = 0; p < photos.size(); p++) {
                ours(photos.get(p), faces.get(p), analyzer);
                raw(photos.get(p), faces.get(p).getFirst(), rawNet);
            }
        }
        double ours = median(() -> {
            for (int p = 0; p < photos.size(); p++) ours(photos.get(p), faces.get(p), analyzer);
        }) / photos.size();
        double theirs = median(() -> {
            for (int p = 0; p < photos.size(); p++) raw(photos.get(p), faces.get(p).getFirst(), rawNet);
        }) / photos.size();
        System.out.printf("  decode + skin analysis: %.1f ms/photo; bare OpenCV calls: %.1f ms/photo; ratio %.2f×%n", ours, theirs, ours / theirs);

        List<Mat> decoded = new ArrayList<>();
        for (byte[] photo : photos) decoded.add(decode(photo));
        double analysis = median(() -> {
            for (int p = 0; p < decoded.size(); p++) analyzer.analyse(decoded.get(p), faces.get(p));
        }) / photos.size();
        double decodeOnly = median(() -> {
            for (byte[] photo : photos) {
                try (PointerScope scope = new PointerScope()) {
                    decode(photo);
                }
            }
        }) / photos.size();
        System.out.printf("  of which: decode %.1f ms/photo; analysis alone (landmarks + metrics + JPEGs) %.1f ms/photo%n", decodeOnly, analysis);
    }

    private static void ours(byte[] photo, List<FaceBox> faces, SkinAnalyzer analyzer) {
        try (PointerScope scope = new PointerScope()) {
            analyzer.analyse(decode(photo), faces);
        }
    }

    private static Mat decode(byte[] photo) {
        return imdecode(new Mat(1, photo.length, opencv_core.CV_8UC1, new BytePointer(photo)), IMREAD_COLOR | IMREAD_IGNORE_ORIENTATION);
    }

    /** The OpenCV calls of the analysis, one after another, with its arguments (crop geometry from the face box). */
    private static void raw(byte[] photo, FaceBox face, Net net) {
        try (PointerScope scope = new PointerScope()) {
            Mat bgr = decode(photo);
            double cx = face.x() + face.w() / 2, cy = face.y() + face.h() / 2;
            for (int pass = 0; pass < 2; pass++) {
                double side = Math.max(face.w(), face.h()) * FaceMesh.MARGIN;
                Mat input = warp(bgr, cx, cy, side / FaceMesh.INPUT, FaceMesh.INPUT);
                net.setInput(blobFromImage(input, 1 / 255.0, new Size(FaceMesh.INPUT, FaceMesh.INPUT), Scalar.all(0), true, false, CV_32F));
                MatVector outputs = new MatVector();
                try (StringVector names = net.getUnconnectedOutLayersNames()) {
                    net.forward(outputs, names);
                }
            }
            Mat crop = warp(bgr, cx, cy, face.w() * 0.9 / SkinAnalyzer.FACE_WIDTH, SkinAnalyzer.CROP);
            Mat linear = new Mat();
            crop.convertTo(linear, CV_32FC3, 1 / 255.0, 0);
            Mat lab = new Mat();
            cvtColor(linear, lab, COLOR_LBGR2Lab);
            Mat smooth = new Mat();
            GaussianBlur(lab, smooth, new Size(0, 0), SkinMetrics.FINE_SIGMA);
            Mat plane = new Mat(SkinAnalyzer.CROP, SkinAnalyzer.CROP, CV_32F, Scalar.all(0.5));
            for (int i = 0; i < 4; i++) {
                Mat small = new Mat(), blurred = new Mat(), back = new Mat();
                resize(plane, small, new Size(SkinAnalyzer.CROP / 4, SkinAnalyzer.CROP / 4), 0, 0, INTER_AREA);
                GaussianBlur(small, blurred, new Size(0, 0), SkinMetrics.BACKGROUND_SIGMA / 4);
                resize(blurred, back, new Size(SkinAnalyzer.CROP, SkinAnalyzer.CROP), 0, 0, INTER_LINEAR);
            }
            connectedComponentsWithStats(new Mat(SkinAnalyzer.CROP, SkinAnalyzer.CROP, CV_8U, Scalar.all(0)), new Mat(), new Mat(), new Mat());
            imencode(".jpg", crop, new BytePointer());
            imencode(".jpg", crop, new BytePointer());
        }
    }

    /** Affine.crop's calls: area-shrink the face's surroundings, then one warp. */
    private static Mat warp(Mat bgr, double cx, double cy, double scale, int size) {
        int half = (int) Math.ceil(size * scale / 2) + 2;
        int x0 = Math.max(0, (int) cx - half), y0 = Math.max(0, (int) cy - half);
        int x1 = Math.min(bgr.cols(), (int) cx + half), y1 = Math.min(bgr.rows(), (int) cy + half);
        Mat roi = bgr.apply(new Rect(x0, y0, x1 - x0, y1 - y0));
        Mat small = new Mat();
        resize(roi, small, new Size((int) Math.round(roi.cols() / scale), (int) Math.round(roi.rows() / scale)), 0, 0, INTER_AREA);
        Mat matrix = new Mat(2, 3, opencv_core.CV_64F);
        try (DoubleIndexer m = matrix.createIndexer()) {
            m.put(0, 0, 1).put(0, 1, 0).put(0, 2, 0).put(1, 0, 0).put(1, 1, 1).put(1, 2, 0);
        }
        Mat out = new Mat();
        warpAffine(small, out, matrix, new Size(size, size), INTER_LINEAR | WARP_INVERSE_MAP, BORDER_CONSTANT, Scalar.all(0));
        return out;
    }

    /** Grace Hopper enlarged to 3464 × 3464 (12 MP) and Messi to 4000 × 3000 (12 MP), with sensor-like noise, made once. */
    private static List<byte[]> portraits() throws Exception {
        Files.createDirectories(DIRECTORY);
        List<byte[]> photos = new ArrayList<>();
        for (var source : List.of(new Object[] {TestImages.GRACE_HOPPER, new Size(3464, 3464)}, new Object[] {TestImages.MESSI, new Size(4000, 3000)})) {
            Path from = (Path) source[0];
            Path target = DIRECTORY.resolve(from.getFileName().toString());
            if (!Files.exists(target)) {
                Mat large = new Mat();
                resize(TestImages.decode(TestImages.read(from)), large, (Size) source[1], 0, 0, INTER_CUBIC);
                Mat noise = new Mat(large.size(), large.type());
                byte[] levels = new byte[(int) (noise.total() * noise.channels())];
                var random = new java.util.Random(from.hashCode());
                for (int i = 0; i < levels.length; i++) levels[i] = (byte) random.nextInt(17);
                noise.data().put(levels);
                add(large, noise, large);
                large.convertTo(large, -1, 1.0, -8.0);
                Files.write(target, TestImages.encode(large, ".jpg"));
            }
            photos.add(Files.readAllBytes(target));
        }
        return photos;
    }

    /** Median wall time of {@link #ROUNDS} runs, in ms. */
    private static double median(MedianTime.Work work) throws Exception {
        return MedianTime.ofRuns(ROUNDS, work);
    }
}
