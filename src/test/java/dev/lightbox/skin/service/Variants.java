package dev.lightbox.skin.service;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Changes made to a real face photo for the metric tests, each one thing: skin changes (red cheeks, spots,
 * shine, roughness) placed by the face's own landmarks, and photo changes (a warm cast, brighter exposure).
 */
final class Variants {

    private Variants() {
    }

    /** Both cheeks flushed: red up, green and blue down, feathered at the edges. */
    static Mat redCheeks(Mat bgr, FaceMesh.Landmarks landmarks) {
        double[][] points = points(landmarks);
        float[] alpha = new float[bgr.cols() * bgr.rows()];
        for (SkinRegion cheek : List.of(SkinRegion.LEFT_CHEEK, SkinRegion.RIGHT_CHEEK)) {
            byte[] mask = FaceMasks.polygon(SkinRegions.outline(cheek, points), bgr.cols(), bgr.rows());
            for (int i = 0; i < mask.length; i++) if (mask[i] != 0) alpha[i] = 1;
        }
        alpha = blur(alpha, bgr.cols(), bgr.rows(), faceWidth(landmarks) * 0.03);
        float[] pixels = floats(bgr);
        for (int i = 0; i < alpha.length; i++) {
            pixels[3 * i] *= (float) (1 - 0.10 * alpha[i]);
            pixels[3 * i + 1] *= (float) (1 - 0.14 * alpha[i]);
            pixels[3 * i + 2] *= (float) (1 + 0.06 * alpha[i]);
        }
        return mat(pixels, bgr.cols(), bgr.rows());
    }

    /** A dozen small dark red-brown spots over the cheeks and forehead, each ~4% of the face's width across. */
    static Mat spots(Mat bgr, FaceMesh.Landmarks landmarks) {
        double[][] points = points(landmarks);
        double radius = faceWidth(landmarks) * 0.02;
        float[] alpha = new float[bgr.cols() * bgr.rows()];
        for (SkinRegion region : List.of(SkinRegion.LEFT_CHEEK, SkinRegion.RIGHT_CHEEK, SkinRegion.FOREHEAD)) {
            List<double[]> outline = SkinRegions.outline(region, points);
            double[] c = mean(outline);
            for (int k = 0; k < 4; k++) {
                double[] corner = outline.get(k * outline.size() / 4);
                disc(alpha, bgr.cols(), bgr.rows(), c[0] + (corner[0] - c[0]) * 0.45, c[1] + (corner[1] - c[1]) * 0.45, radius);
            }
        }
        alpha = blur(alpha, bgr.cols(), bgr.rows(), radius * 0.3);
        float[] pixels = floats(bgr);
        for (int i = 0; i < alpha.length; i++) {
            pixels[3 * i] *= (float) (1 - 0.45 * alpha[i]);
            pixels[3 * i + 1] *= (float) (1 - 0.45 * alpha[i]);
            pixels[3 * i + 2] *= (float) (1 - 0.25 * alpha[i]);
        }
        return mat(pixels, bgr.cols(), bgr.rows());
    }

    /** Oily shine: soft near-white highlights on the forehead, the nose and both cheekbones. */
    static Mat highlights(Mat bgr, FaceMesh.Landmarks landmarks) {
        double[][] points = points(landmarks);
        double radius = faceWidth(landmarks) * 0.06;
        float[] alpha = new float[bgr.cols() * bgr.rows()];
        for (SkinRegion region : SkinRegion.values()) {
            double[] c = mean(SkinRegions.outline(region, points));
            disc(alpha, bgr.cols(), bgr.rows(), c[0], c[1], radius);
        }
        alpha = blur(alpha, bgr.cols(), bgr.rows(), radius * 0.3);
        float[] pixels = floats(bgr);
        for (int i = 0; i < alpha.length; i++) {
            for (int ch = 0; ch < 3; ch++) pixels[3 * i + ch] = pixels[3 * i + ch] * (1 - 0.9f * alpha[i]) + 250 * 0.9f * alpha[i];
        }
        return mat(pixels, bgr.cols(), bgr.rows());
    }

    /** Rough skin (or a noisy sensor): fine Gaussian grain, the same on every channel, fixed seed. */
    static Mat grain(Mat bgr) {
        Random random = new Random(13);
        float[] pixels = floats(bgr);
        for (int i = 0; i < pixels.length / 3; i++) {
            float g = (float) (random.nextGaussian() * 9);
            for (int ch = 0; ch < 3; ch++) pixels[3 * i + ch] += g;
        }
        return mat(pixels, bgr.cols(), bgr.rows());
    }

    /**
     * A warm light over the whole photo (tungsten, sunset): in linear light, as a change of light acts, red up
     * 20% and blue down 20% (in the sRGB values: about +9% and -10%).
     */
    static Mat warmCast(Mat bgr) {
        return linear(bgr, new double[] {0.8, 1.0, 1.2});
    }

    /** More light: every channel × {@code gain} in linear light, as a longer exposure or a brighter lamp gives (clipping at white). */
    static Mat exposure(Mat bgr, double gain) {
        return linear(bgr, new double[] {gain, gain, gain});
    }

    private static Mat linear(Mat bgr, double[] gains) {
        float[] pixels = floats(bgr);
        for (int i = 0; i < pixels.length; i++) {
            double value = pixels[i] / 255.0;
            double light = value <= 0.04045 ? value / 12.92 : Math.pow((value + 0.055) / 1.055, 2.4);
            light = Math.min(1, light * gains[i % 3]);
            double encoded = light <= 0.0031308 ? light * 12.92 : 1.055 * Math.pow(light, 1 / 2.4) - 0.055;
            pixels[i] = (float) (encoded * 255);
        }
        return mat(pixels, bgr.cols(), bgr.rows());
    }

    static double faceWidth(FaceMesh.Landmarks l) {
        return Math.hypot(l.x()[Mesh.FACE_LEFT] - l.x()[Mesh.FACE_RIGHT], l.y()[Mesh.FACE_LEFT] - l.y()[Mesh.FACE_RIGHT]);
    }

    static double[][] points(FaceMesh.Landmarks l) {
        double[][] points = new double[FaceMesh.POINTS][];
        for (int i = 0; i < points.length; i++) points[i] = l.point(i);
        return points;
    }

    static double[] mean(List<double[]> outline) {
        double x = 0, y = 0;
        for (double[] p : outline) {
            x += p[0] / outline.size();
            y += p[1] / outline.size();
        }
        return new double[] {x, y};
    }

    private static void disc(float[] alpha, int w, int h, double cx, double cy, double r) {
        for (int y = (int) Math.max(0, cy - r - 1); y <= Math.min(h - 1, cy + r + 1); y++) {
            for (int x = (int) Math.max(0, cx - r - 1); x <= Math.min(w - 1, cx + r + 1); x++) {
                if (Math.hypot(x - cx, y - cy) <= r) alpha[y * w + x] = 1;
            }
        }
    }

    private static float[] blur(float[] plane, int w, int h, double sigma) {
        Mat in = new Mat(h, w, CV_32F);
        new FloatPointer(in.data()).put(plane);
        Mat out = new Mat();
        GaussianBlur(in, out, new Size(0, 0), Math.max(0.5, sigma));
        float[] values = new float[w * h];
        new FloatPointer(out.data()).get(values);
        return values;
    }

    private static float[] floats(Mat bgr) {
        Mat f = new Mat();
        bgr.convertTo(f, CV_32FC3);
        float[] values = new float[bgr.cols() * bgr.rows() * 3];
        new FloatPointer(f.data()).get(values);
        return values;
    }

    private static Mat mat(float[] pixels, int w, int h) {
        Mat f = new Mat(h, w, CV_32FC3);
        new FloatPointer(f.data()).put(pixels);
        Mat out = new Mat();
        f.convertTo(out, CV_8UC3); // saturating, as a camera clips
        return out;
    }
}
