package dev.lightbox.analysis.service;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.NORM_L1;
import static org.bytedeco.opencv.global.opencv_core.addWeighted;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.inRange;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_core.norm;
import static org.bytedeco.opencv.global.opencv_core.split;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromTFLite;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2HSV;
import static org.bytedeco.opencv.global.opencv_imgproc.Canny;
import static org.bytedeco.opencv.global.opencv_imgproc.HoughLinesP;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.filter2D;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.lightbox.bench.BenchPhotos;
import dev.lightbox.library.domain.ImageFormat;
import dev.lightbox.library.service.Thumbnailer;
import java.io.ByteArrayInputStream;
import dev.lightbox.bench.MedianTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.StringVector;
import org.bytedeco.opencv.opencv_imgproc.Vec4iVector;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.bytedeco.opencv.opencv_quality.QualityBRISQUE;
import org.bytedeco.opencv.opencv_saliency.StaticSaliencySpectralResidual;
import org.junit.jupiter.api.Test;

/**
 * Analysis of 12 MP JPEGs on one thread: Lightbox's pipeline (working copy by reduced decode, technical,
 * composition, faces: what the analysis job runs, minus reading the original from S3) against the sum of
 * the raw OpenCV calls it makes, called directly with the same arguments in the same run (the baseline:
 * no maps, no Java loops; native memory freed by one PointerScope). Faces alone: BlazeFaceDetector against a bare
 * blobFromImage + forward on the same Net.
 */
class AnalysisBench {

    private static final int ROUNDS = 5;

    @Test
    void analysisPerPhoto() throws Exception {
        List<Path> files = BenchPhotos.twelveMegapixel();
        List<byte[]> photos = new ArrayList<>();
        for (Path file : files) photos.add(Files.readAllBytes(file));
        var configuration = new AnalysisConfiguration();
        PhotoAnalyzer analyzer = configuration.photoAnalyzer();
        FaceDetector faces = AnalysisConfiguration.chooseFaceDetector("");
        Net rawNet = readNetFromTFLite(AnalysisConfiguration.readModel(""));
        String share = "/org/bytedeco/opencv/linux-x86_64/share/opencv4/quality/";
        String brisqueModel = org.bytedeco.javacpp.Loader.cacheResource(share + "brisque_model_live.yml").getAbsolutePath();
        String brisqueRange = org.bytedeco.javacpp.Loader.cacheResource(share + "brisque_range_live.yml").getAbsolutePath();
        System.out.printf("%nAnalysis: %d JPEGs of 4000×3000 (12 MP), working copy ≤ %,d pixels, 1 thread, median of %d rounds%n",
                photos.size(), AnalysisJob.WORKING_PIXELS, ROUNDS);

        // warm-up: JIT, native libraries, model loading
        for (byte[] photo : photos) {
            lightbox(photo, analyzer, faces);
            raw(photo, rawNet, brisqueModel, brisqueRange);
        }
        double ours = median(() -> {
            for (byte[] photo : photos) lightbox(photo, analyzer, faces);
        }) / photos.size();
        double theirs = median(() -> {
            for (byte[] photo : photos) raw(photo, rawNet, brisqueModel, brisqueRange);
        }) / photos.size();
        System.out.printf("  end to end: %.1f ms/photo; sum of the raw OpenCV calls: %.1f ms/photo; ratio %.2f× (goal ≤ 1.3×)%n",
                ours, theirs, ours / theirs);

        List<Mat> working = new ArrayList<>();
        for (byte[] photo : photos) working.add(Thumbnailer.workingCopy(new ByteArrayInputStream(photo), photo.length, ImageFormat.JPEG, 4000, 3000, 1,
                AnalysisJob.WORKING_PIXELS));
        double detector = median(() -> {
            for (Mat image : working) faces.detect(image, 1.0);
        }) / working.size();
        double bare = median(() -> {
            for (Mat image : working) bareBlazeFace(image, rawNet);
        }) / working.size();
        System.out.printf("  faces alone (%s): %.1f ms/photo; bare BlazeFace (letterbox, blob, forward): %.1f ms/photo; ratio %.2f×%n",
                faces.name(), detector, bare, detector / bare);
    }

    private static void lightbox(byte[] photo, PhotoAnalyzer analyzer, FaceDetector faces) throws Exception {
        try (Mat working = Thumbnailer.workingCopy(new ByteArrayInputStream(photo), photo.length, ImageFormat.JPEG, 4000, 3000, 1,
                AnalysisJob.WORKING_PIXELS)) {
            analyzer.technical(working);
            analyzer.composition(working);
            faces.detect(working, 4000.0 / working.cols());
        }
    }

    /** The OpenCV calls of the pipeline, one after another, with the pipeline's arguments. */
    private static void raw(byte[] photo, Net net, String brisqueModel, String brisqueRange) {
        try (PointerScope scope = new PointerScope()) { // frees every Mat made below when done, as the pipeline does
            rawCalls(photo, net, brisqueModel, brisqueRange);
        }
    }

    private static void rawCalls(byte[] photo, Net net, String brisqueModel, String brisqueRange) {
        Mat encoded = new Mat(1, photo.length, opencv_core.CV_8UC1, new BytePointer(photo));
        Mat decoded = imdecode(encoded, IMREAD_IGNORE_ORIENTATION | IMREAD_REDUCED_COLOR_2);
        double scale = Math.sqrt((double) AnalysisJob.WORKING_PIXELS / (4000L * 3000));
        int edge = (int) Math.floor(4000 * scale);
        Mat bgr = new Mat();
        resize(decoded, bgr, new Size(edge, (int) Math.round(decoded.rows() * (double) edge / decoded.cols())), 0, 0, INTER_AREA);
        bgr = bgr.clone(); // the orientation step copies
        Mat gray = new Mat();
        cvtColor(bgr, gray, COLOR_BGR2GRAY);
        Mat laplacian = new Mat();
        Laplacian(gray, laplacian, CV_64F);
        meanStdDev(laplacian, new Mat(), new Mat());
        meanStdDev(gray, new Mat(), new Mat());
        Mat mask = new Mat();
        inRange(gray, new Mat(1, 1, opencv_core.CV_8UC1, new Scalar(0)), new Mat(1, 1, opencv_core.CV_8UC1, new Scalar(8)), mask);
        countNonZero(mask);
        inRange(gray, new Mat(1, 1, opencv_core.CV_8UC1, new Scalar(247)), new Mat(1, 1, opencv_core.CV_8UC1, new Scalar(255)), mask);
        countNonZero(mask);
        Mat grayF = new Mat();
        gray.convertTo(grayF, CV_32F);
        Mat response = new Mat();
        Mat kernel = new Mat(3, 3, CV_32F, new Scalar(1));
        filter2D(grayF, response, CV_32F, kernel);
        norm(response, NORM_L1, new Mat());
        MatVector channels = new MatVector();
        split(bgr, channels);
        Mat b = new Mat(), g = new Mat(), r = new Mat(), rg = new Mat(), yb = new Mat();
        channels.get(0).convertTo(b, CV_32F);
        channels.get(1).convertTo(g, CV_32F);
        channels.get(2).convertTo(r, CV_32F);
        subtract(r, g, rg);
        addWeighted(r, 0.5, g, 0.5, 0, yb);
        subtract(yb, b, yb);
        meanStdDev(rg, new Mat(), new Mat());
        meanStdDev(yb, new Mat(), new Mat());
        Mat hsv = new Mat();
        cvtColor(bgr, hsv, COLOR_BGR2HSV);
        MatVector hsvChannels = new MatVector();
        split(hsv, hsvChannels);
        meanStdDev(hsvChannels.get(1), new Mat(), new Mat());
        QualityBRISQUE.compute(bgr, brisqueModel, brisqueRange);
        Mat small = new Mat(), saliency = new Mat(), map = new Mat();
        resize(bgr, small, new Size(128, (int) Math.round(128.0 * bgr.rows() / bgr.cols())));
        StaticSaliencySpectralResidual.create().computeSaliency(small, saliency);
        saliency.convertTo(map, CV_32F);
        Mat gray2 = new Mat(), edges = new Mat();
        cvtColor(bgr, gray2, COLOR_BGR2GRAY);
        Canny(gray2, edges, 60, 180);
        HoughLinesP(edges, new Vec4iVector(), 1, Math.PI / 360, 80, Math.max(20, bgr.cols() / 4), 10);
        bareBlazeFaceCalls(bgr, net);
    }

    private static void bareBlazeFace(Mat bgr, Net net) {
        try (PointerScope scope = new PointerScope()) {
            bareBlazeFaceCalls(bgr, net);
        }
    }

    private static void bareBlazeFaceCalls(Mat bgr, Net net) {
        double scale = 192.0 / Math.max(bgr.cols(), bgr.rows());
        int width = (int) Math.round(bgr.cols() * scale);
        int height = (int) Math.round(bgr.rows() * scale);
        Mat square = new Mat(192, 192, bgr.type(), Scalar.all(0));
        org.bytedeco.opencv.global.opencv_imgproc.resize(bgr, square.apply(new Rect((192 - width) / 2, (192 - height) / 2, width, height)),
                new Size(width, height), 0, 0, org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA);
        net.setInput(blobFromImage(square, 1 / 127.5, new Size(192, 192), Scalar.all(127.5), true, false, CV_32F));
        MatVector outputs = new MatVector();
        try (StringVector names = net.getUnconnectedOutLayersNames()) {
            net.forward(outputs, names);
        }
    }

    /** Median wall time of {@link #ROUNDS} runs, in ms. */
    private static double median(MedianTime.Work work) throws Exception {
        return MedianTime.ofRuns(ROUNDS, work);
    }
}
