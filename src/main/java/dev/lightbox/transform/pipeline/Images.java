package dev.lightbox.transform.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/** Decoding, resizing and encoding for the pipeline. Every Mat returned is the caller's to close (or its scope's). */
final class Images {

    private Images() {
    }

    /**
     * The upright image (EXIF orientation applied by the decoder), refused before decoding when its header
     * claims more than {@code maxPixels} (the upload limit the library checked when it stored the file; a
     * format the JDK cannot size is checked after decoding, against OpenCV's own cap).
     */
    static Mat decodeUpright(byte[] encoded, long maxPixels, String what) {
        return decode(encoded, maxPixels, Long.MAX_VALUE, what);
    }

    /**
     * Like {@link #decodeUpright}, but decoded at 1/2, 1/4 or 1/8 of each side (the largest reduction that still
     * leaves {@code neededPixels}) when the header gives the size: a JPEG decoder scales while decoding, so a photo
     * that is only measured never costs its full size.
     */
    static Mat decodeReduced(byte[] encoded, long maxPixels, long neededPixels, String what) {
        return decode(encoded, maxPixels, neededPixels, what);
    }

    private static Mat decode(byte[] encoded, long maxPixels, long neededPixels, String what) {
        long claimed = headerPixels(encoded);
        if (claimed > maxPixels) {
            throw new IllegalArgumentException("The " + what + " has " + claimed / 1_000_000 + " megapixels, more than the limit of "
                    + maxPixels / 1_000_000 + ".");
        }
        int reduction = 1;
        while (reduction < 8 && claimed / (4L * reduction * reduction) >= neededPixels) reduction *= 2;
        int flags = switch (reduction) {
            case 2 -> IMREAD_REDUCED_COLOR_2;
            case 4 -> IMREAD_REDUCED_COLOR_4;
            case 8 -> IMREAD_REDUCED_COLOR_8;
            default -> IMREAD_COLOR;
        };
        Mat image;
        try (BytePointer bytes = new BytePointer(encoded); Mat wrapped = new Mat(1, encoded.length, CV_8UC1, bytes)) {
            image = imdecode(wrapped, flags);
        }
        if (image == null || image.empty()) throw new IllegalArgumentException("The " + what + " cannot be decoded.");
        if ((long) image.cols() * image.rows() * reduction * reduction > maxPixels) {
            image.close();
            throw new IllegalArgumentException("The " + what + " is larger than the limit of " + maxPixels / 1_000_000 + " megapixels.");
        }
        return image;
    }

    /** The pixel count the header claims, 0 when no JDK reader knows the format (WebP). */
    private static long headerPixels(byte[] encoded) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) return 0;
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return (long) reader.getWidth(0) * reader.getHeight(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return 0; // the decoder says what is wrong with it
        }
    }

    /** A copy whose long edge is at most {@code edge} (area-averaged), or a plain copy when it already fits. */
    static Mat fit(Mat image, int edge) {
        int longEdge = Math.max(image.cols(), image.rows());
        if (longEdge <= edge) return image.clone();
        double scale = (double) edge / longEdge;
        Mat out = new Mat();
        resize(image, out, new Size(Math.max(1, (int) Math.round(image.cols() * scale)), Math.max(1, (int) Math.round(image.rows() * scale))),
                0, 0, INTER_AREA);
        return out;
    }

    /** {@code image} resized to {@code like}'s size, bilinear. */
    static Mat sizedLike(Mat image, Mat like) {
        Mat out = new Mat();
        if (image.cols() == like.cols() && image.rows() == like.rows()) {
            image.copyTo(out);
        } else {
            resize(image, out, new Size(like.cols(), like.rows()), 0, 0, image.cols() > like.cols() ? INTER_AREA : INTER_LINEAR);
        }
        return out;
    }

    static byte[] jpeg(Mat image, int quality) {
        try (BytePointer out = new BytePointer(); IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, quality)) {
            if (!imencode(".jpg", image, out, params)) throw new IllegalStateException("JPEG encoding failed");
            byte[] bytes = new byte[(int) out.limit()];
            out.get(bytes);
            return bytes;
        }
    }

    /** A native object made inside a {@link PointerScope} that must outlive it (a net a thread keeps). */
    static <P extends Pointer> P outliving(P pointer) {
        PointerScope scope = PointerScope.getInnerScope();
        if (scope != null) {
            pointer.retainReference();
            scope.detach(pointer);
        }
        return pointer;
    }
}
