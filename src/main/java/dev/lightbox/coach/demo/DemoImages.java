package dev.lightbox.coach.demo;

import static org.bytedeco.opencv.global.opencv_core.CV_16SC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.addWeighted;
import static org.bytedeco.opencv.global.opencv_core.randn;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.line;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.lightbox.coach.demo.DemoPlan.Shot;
import dev.lightbox.coach.demo.DemoPlan.Source;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/** The demo photos' pixels: variants of the shipped real pictures (OpenCV) and generated ones, as JPEG with EXIF. */
final class DemoImages {

    /** Every picture made here stays within this long edge. */
    static final int MAX_EDGE = 1600;
    /** The skin diary's face: the astronaut picture's head and shoulders, scaled up to this square size. */
    static final int FACE_SIZE = 480;
    private static final String FACE_FILE = "astronaut.jpg";
    private static final Rect FACE = new Rect(120, 10, 210, 210);
    /** Cheek centres and radii in the {@link #FACE_SIZE} face picture. */
    private static final int[][] CHEEKS = {{162, 270}, {316, 270}};
    private static final int CHEEK_RADIUS = 36;

    private DemoImages() {
    }

    /** The photo as planned: JPEG bytes with EXIF capture time and camera. */
    static byte[] photo(Shot shot) {
        var random = new Random(shot.seed());
        String file = shot.source().file;
        Mat image = file == null ? generated(shot.source(), random) : vary(read(file), shot.variant(), random);
        return DemoExif.withCamera(jpeg(bounded(image)), shot.camera().make, shot.camera().model, shot.takenAt());
    }

    /** The diary's face with {@code flare} (0..1) extra redness on the cheeks and a slight change of light. */
    static byte[] face(DemoPlan.SkinShot shot) {
        var random = new Random(1000L + shot.index());
        Mat face = new Mat();
        resize(new Mat(read(FACE_FILE), FACE), face, new Size(FACE_SIZE, FACE_SIZE), 0, 0, INTER_CUBIC);
        face.convertTo(face, -1, 1.0, random.nextInt(9) - 4);
        if (shot.flare() > 0) redden(face, shot.flare());
        return DemoExif.withCamera(jpeg(face), "Google", "Pixel 7", shot.takenAt());
    }

    /** Raises red and lowers green/blue inside each cheek, fading out towards the edge. */
    private static void redden(Mat face, double flare) {
        int width = face.cols();
        byte[] pixels = new byte[width * face.rows() * 3];
        face.data().get(pixels);
        for (int[] cheek : CHEEKS) {
            for (int y = cheek[1] - CHEEK_RADIUS; y <= cheek[1] + CHEEK_RADIUS; y++) {
                for (int x = cheek[0] - CHEEK_RADIUS; x <= cheek[0] + CHEEK_RADIUS; x++) {
                    double d = Math.hypot(x - cheek[0], (y - cheek[1]) * 1.25) / CHEEK_RADIUS;
                    if (d >= 1) continue;
                    double w = flare * (1 - d * d);
                    int at = (y * width + x) * 3;
                    pixels[at] = clamp((pixels[at] & 0xFF) * (1 - 0.25 * w));         // B
                    pixels[at + 1] = clamp((pixels[at + 1] & 0xFF) * (1 - 0.25 * w)); // G
                    pixels[at + 2] = clamp((pixels[at + 2] & 0xFF) + 35 * w);         // R
                }
            }
        }
        face.data().put(pixels);
    }

    private static byte clamp(double value) {
        return (byte) Math.max(0, Math.min(255, (int) Math.round(value)));
    }

    static Mat read(String file) {
        try (InputStream in = DemoImages.class.getResourceAsStream("/demo/photos/" + file)) {
            if (in == null) throw new IllegalStateException("demo picture missing from the jar: " + file);
            byte[] bytes = in.readNBytes(4 * 1024 * 1024);
            Mat image = imdecode(new Mat(new BytePointer(bytes)), IMREAD_COLOR);
            if (image.empty()) throw new IllegalStateException("demo picture unreadable: " + file);
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Mat vary(Mat image, DemoPlan.Variant variant, Random random) {
        Mat out = new Mat();
        switch (variant) {
            case ORIGINAL -> out = image.clone();
            case CROP -> {
                double share = 0.6 + random.nextDouble() * 0.25;
                int w = (int) (image.cols() * share);
                int h = (int) (image.rows() * share);
                out = new Mat(image, new Rect(random.nextInt(image.cols() - w + 1), random.nextInt(image.rows() - h + 1), w, h)).clone();
            }
            case BRIGHTER -> image.convertTo(out, -1, 1.15, 45 + random.nextInt(30));
            case DARKER -> image.convertTo(out, -1, 0.35 + random.nextDouble() * 0.15, -10);
            case BLUR -> GaussianBlur(image, out, new Size(0, 0), 2.5 + random.nextDouble());
            case STRONG_BLUR -> GaussianBlur(image, out, new Size(0, 0), 6 + random.nextDouble() * 2);
            case WARM -> add(image, new Mat(image.size(), image.type(), new Scalar(0, 0, 30, 0)), out);
            case COOL -> add(image, new Mat(image.size(), image.type(), new Scalar(35, 5, 0, 0)), out);
            case MUTED -> {
                Mat gray = new Mat();
                cvtColor(image, gray, COLOR_BGR2GRAY);
                cvtColor(gray, gray, COLOR_GRAY2BGR);
                addWeighted(image, 0.35, gray, 0.65, 0, out);
            }
            case NOISE -> {
                Mat wide = new Mat();
                image.convertTo(wide, CV_16SC3);
                Mat noise = new Mat(image.size(), CV_16SC3);
                randn(noise, new Mat(1, 1, org.bytedeco.opencv.global.opencv_core.CV_64F, new Scalar(0)),
                        new Mat(1, 1, org.bytedeco.opencv.global.opencv_core.CV_64F, new Scalar(18 + random.nextInt(10))));
                add(wide, noise, wide);
                wide.convertTo(out, CV_8UC3);
            }
        }
        return out;
    }

    static Mat generated(Source source, Random random) {
        int width = 960 + random.nextInt(4) * 80;
        int height = 720;
        Mat out = new Mat(height, width, CV_8UC3, colour(random));
        switch (source) {
            case GRADIENT -> {
                Mat corners = new Mat(2, 2, CV_8UC3);
                for (int y = 0; y < 2; y++) {
                    for (int x = 0; x < 2; x++) new Mat(corners, new Rect(x, y, 1, 1)).put(new Mat(1, 1, CV_8UC3, colour(random)));
                }
                resize(corners, out, new Size(width, height), 0, 0, INTER_LINEAR);
            }
            case SHAPES -> {
                for (int i = 0; i < 6 + random.nextInt(10); i++) {
                    var centre = new Point(random.nextInt(width), random.nextInt(height));
                    if (random.nextBoolean()) circle(out, centre, 20 + random.nextInt(140), colour(random), FILLED, LINE_AA, 0);
                    else rectangle(out, new Rect(centre.x() / 2, centre.y() / 2, 30 + random.nextInt(250), 30 + random.nextInt(200)),
                            colour(random), FILLED, LINE_AA, 0);
                }
            }
            case STRIPES -> {
                int step = 12 + random.nextInt(40);
                Scalar ink = colour(random);
                for (int x = -height; x < width; x += step) {
                    line(out, new Point(x, 0), new Point(x + height, height), ink, Math.max(2, step / 3), LINE_AA, 0);
                }
            }
            default -> throw new IllegalArgumentException("not a generated source: " + source);
        }
        if (random.nextInt(3) == 0) GaussianBlur(out, out, new Size(0, 0), 3);
        return out;
    }

    private static Scalar colour(Random random) {
        return new Scalar(random.nextInt(256), random.nextInt(256), random.nextInt(256), 0);
    }

    static Mat bounded(Mat image) {
        int edge = Math.max(image.cols(), image.rows());
        if (edge <= MAX_EDGE) return image;
        double scale = (double) MAX_EDGE / edge;
        Mat out = new Mat();
        resize(image, out, new Size((int) (image.cols() * scale), (int) (image.rows() * scale)), 0, 0, INTER_AREA);
        return out;
    }

    static byte[] jpeg(Mat image) {
        var buffer = new BytePointer();
        if (!imencode(".jpg", image, buffer, new IntPointer(IMWRITE_JPEG_QUALITY, 90))) throw new IllegalStateException("JPEG encoding failed");
        byte[] bytes = new byte[(int) buffer.limit()];
        buffer.get(bytes);
        return bytes;
    }
}
