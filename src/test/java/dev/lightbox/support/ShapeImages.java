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
 * background with noise: three classes a classifier can learn, made fresh for every seed. {@link #jpeg}
 * keeps the background dark and the shape light; {@link #anyColours} draws both colours over the full
 * range, either brighter, so only the outline tells the classes apart.
 */
public final class ShapeImages {

    public static final List<String> SHAPES = List.of("circle", "square", "triangle");

    private ShapeImages() {
    }

    public static byte[] jpeg(String shape, int size, long seed) {
        Random random = new Random(seed);
        var background = new Scalar(random.nextInt(120), random.nextInt(120), random.nextInt(120), 0);
        var colour = new Scalar(130 + random.nextInt(126), 130 + random.nextInt(126), 130 + random.nextInt(126), 0);
        return draw(shape, size, random, background, colour, 24);
    }

    /**
     * Foreground and background each uniform over 0..255 per channel (redrawn until they differ by at
     * least 100 in RGB distance, so the shape is visible), noise ±24 per channel.
     */
    public static byte[] anyColours(String shape, int size, long seed) {
        // java.util.Random's first values barely differ between consecutive seeds (callers count seeds up per
        // class): the colours would then tell the classes apart. Mixed, each seed gives unrelated colours.
        Random random = new Random(new java.util.SplittableRandom(seed).nextLong());
        int[] back;
        int[] fore;
        do {
            back = new int[] {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
            fore = new int[] {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
        } while (Math.sqrt(Math.pow(back[0] - fore[0], 2) + Math.pow(back[1] - fore[1], 2) + Math.pow(back[2] - fore[2], 2)) < 100);
        return draw(shape, size, random, new Scalar(back[0], back[1], back[2], 0), new Scalar(fore[0], fore[1], fore[2], 0), -48);
    }

    /** {@code noise} > 0: adds 0..noise-1 per channel; < 0: adds -|noise|/2 .. |noise|/2 - 1 (saturating). */
    private static byte[] draw(String shape, int size, Random random, Scalar background, Scalar colour, int noise) {
        Mat image = new Mat(size, size, CV_8UC3, background);
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
        if (noise > 0) {
            Mat levelsMat = new Mat(image.size(), image.type());
            byte[] levels = new byte[(int) (levelsMat.total() * levelsMat.channels())];
            for (int i = 0; i < levels.length; i++) levels[i] = (byte) random.nextInt(noise);
            levelsMat.data().put(levels);
            add(image, levelsMat, image);
        } else {
            byte[] pixels = new byte[(int) (image.total() * image.channels())];
            image.data().get(pixels);
            for (int i = 0; i < pixels.length; i++) {
                int value = (pixels[i] & 0xff) + random.nextInt(-noise) + noise / 2;
                pixels[i] = (byte) Math.max(0, Math.min(255, value));
            }
            image.data().put(pixels);
        }
        return TestImages.encode(image, ".jpg");
    }
}
