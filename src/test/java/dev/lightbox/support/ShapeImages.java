package dev.lightbox.support;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.fillPoly;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import java.util.List;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Photos of one shape each (circle, square or triangle) in a random colour, size and place, on a random
 * background with noise: three classes a classifier can learn, made fresh for every seed.
 */
public final class ShapeImages {

    public static final List<String> SHAPES = List.of("circle", "square", "triangle");

    private ShapeImages() {
    }

    public static byte[] jpeg(String shape, int size, long seed) {
        Random random = new Random(seed);
        Mat image = new Mat(size, size, CV_8UC3, new Scalar(random.nextInt(120), random.nextInt(120), random.nextInt(120), 0));
        var colour = new Scalar(130 + random.nextInt(126), 130 + random.nextInt(126), 130 + random.nextInt(126), 0);
        int radius = size / 6 + random.nextInt(size / 6);
        int cx = radius + random.nextInt(size - 2 * radius);
        int cy = radius + random.nextInt(size - 2 * radius);
        switch (shape) {
            case "circle" -> circle(image, new Point(cx, cy), radius, colour, FILLED, 8, 0);
            case "square" -> rectangle(image, new Point(cx - radius, cy - radius), new Point(cx + radius, cy + radius), colour, FILLED, 8, 0);
            case "triangle" -> {
                var points = new Mat(3, 1, org.bytedeco.opencv.global.opencv_core.CV_32SC2);
                int[] xy = {cx, cy - radius, cx - radius, cy + radius, cx + radius, cy + radius};
                try (org.bytedeco.javacpp.indexer.IntIndexer corners = points.createIndexer()) {
                    for (int i = 0; i < 3; i++) {
                        corners.put(i, 0, 0, xy[2 * i]);
                        corners.put(i, 0, 1, xy[2 * i + 1]);
                    }
                }
                fillPoly(image, new MatVector(points), colour);
            }
            default -> throw new IllegalArgumentException(shape);
        }
        Mat noise = new Mat(image.size(), image.type());
        byte[] levels = new byte[(int) (noise.total() * noise.channels())];
        for (int i = 0; i < levels.length; i++) levels[i] = (byte) random.nextInt(24);
        noise.data().put(levels);
        add(image, noise, image);
        return TestImages.encode(image, ".jpg");
    }
}
