package dev.lightbox.library.service;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_180;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_CLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.flip;
import static org.bytedeco.opencv.global.opencv_core.rotate;
import static org.bytedeco.opencv.global.opencv_core.transpose;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.lightbox.library.domain.ImageFormat;
import dev.lightbox.library.service.UploadRejectedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Upright JPEG renditions of an original with OpenCV: a 1600 px preview and a 400 px thumbnail (long
 * edge, never enlarged). JPEGs are decoded DCT-scaled (1/2, 1/4, 1/8) to the smallest size that still
 * covers the largest rendition asked for, which skips most of the decoding work. The encoded file sits
 * in native memory, off the Java heap; the outputs carry no EXIF (and so no GPS).
 */
public final class Thumbnailer {

    public static final int PREVIEW_EDGE = 1600;
    public static final int THUMBNAIL_EDGE = 400;

    public record Renditions(byte[] preview, byte[] thumbnail) {
    }

    private Thumbnailer() {
    }

    /** Both renditions; the original stream is read once, whole. */
    public static Renditions render(InputStream original, long size, ImageFormat format, int storedWidth, int storedHeight,
                                    int orientation) throws IOException {
        try (Mat decoded = decode(original, size, format, Math.max(storedWidth, storedHeight), PREVIEW_EDGE);
             Mat preview = fit(decoded, PREVIEW_EDGE);
             Mat upright = orient(preview, orientation);
             Mat thumbnail = fit(upright, THUMBNAIL_EDGE)) {
            return new Renditions(jpeg(upright, 85), jpeg(thumbnail, 80));
        }
    }

    /** Only the thumbnail: decodes at the smallest scale that covers 400 px. */
    public static byte[] thumbnail(InputStream original, long size, ImageFormat format, int storedWidth, int storedHeight,
                                   int orientation) throws IOException {
        try (Mat decoded = decode(original, size, format, Math.max(storedWidth, storedHeight), THUMBNAIL_EDGE);
             Mat small = fit(decoded, THUMBNAIL_EDGE);
             Mat upright = orient(small, orientation)) {
            return jpeg(upright, 80);
        }
    }

    /**
     * An upright BGR working copy of at most {@code maxPixels} pixels (JPEGs decoded DCT-scaled, the rest
     * decoded whole and shrunk). The caller closes the Mat.
     */
    public static Mat workingCopy(InputStream original, long size, ImageFormat format, int storedWidth, int storedHeight,
                                  int orientation, long maxPixels) throws IOException {
        double scale = Math.min(1.0, Math.sqrt((double) maxPixels / ((long) storedWidth * storedHeight)));
        int targetEdge = Math.max(1, (int) Math.floor(Math.max(storedWidth, storedHeight) * scale));
        try (Mat decoded = decode(original, size, format, Math.max(storedWidth, storedHeight), targetEdge);
             Mat fitted = fit(decoded, targetEdge)) {
            return orient(fitted, orientation);
        }
    }

    /** Decodes at the smallest scale the format allows, only to prove the pixel data is readable. */
    public static void verifyDecodable(InputStream original, long size, ImageFormat format, int storedWidth, int storedHeight)
            throws IOException {
        try (Mat decoded = decode(original, size, format, Math.max(storedWidth, storedHeight), 1)) {
            // decode threw if the data was damaged
        }
    }

    static Mat decode(InputStream original, long size, ImageFormat format, int longEdge, int targetEdge) throws IOException {
        if (size > Integer.MAX_VALUE) throw new UploadRejectedException(Reason.TOO_MANY_BYTES, "The file is too large to decode.");
        try (BytePointer encoded = new BytePointer(size)) {
            byte[] buffer = new byte[64 * 1024];
            long filled = 0;
            for (int n; filled < size && (n = original.read(buffer, 0, (int) Math.min(buffer.length, size - filled))) > 0; filled += n) {
                encoded.position(filled).put(buffer, 0, n);
            }
            encoded.position(0);
            try (Mat wrapped = new Mat(1, (int) filled, CV_8UC1, encoded)) {
                Mat image = imdecode(wrapped, IMREAD_IGNORE_ORIENTATION | readMode(format, longEdge, targetEdge));
                if (image == null || image.empty()) {
                    throw new UploadRejectedException(Reason.CORRUPT, "The image data is damaged and cannot be decoded.");
                }
                return image;
            }
        }
    }

    private static int readMode(ImageFormat format, int longEdge, int targetEdge) {
        if (format != ImageFormat.JPEG) return IMREAD_COLOR;
        if (longEdge / 8 >= targetEdge) return IMREAD_REDUCED_COLOR_8;
        if (longEdge / 4 >= targetEdge) return IMREAD_REDUCED_COLOR_4;
        if (longEdge / 2 >= targetEdge) return IMREAD_REDUCED_COLOR_2;
        return IMREAD_COLOR;
    }

    static Mat fit(Mat image, int edge) {
        int longEdge = Math.max(image.cols(), image.rows());
        if (longEdge <= edge) return image.clone();
        double scale = (double) edge / longEdge;
        Mat out = new Mat();
        resize(image, out, new Size(Math.max(1, (int) Math.round(image.cols() * scale)), Math.max(1, (int) Math.round(image.rows() * scale))),
                0, 0, INTER_AREA);
        return out;
    }

    /** Applies EXIF orientation 1-8 so the result is upright. */
    static Mat orient(Mat image, int orientation) {
        Mat out = new Mat();
        switch (orientation) {
            case 2 -> flip(image, out, 1);
            case 3 -> rotate(image, out, ROTATE_180);
            case 4 -> flip(image, out, 0);
            case 5 -> transpose(image, out);
            case 6 -> rotate(image, out, ROTATE_90_CLOCKWISE);
            case 7 -> {
                try (Mat transposed = new Mat()) {
                    transpose(image, transposed);
                    rotate(transposed, out, ROTATE_180);
                }
            }
            case 8 -> rotate(image, out, ROTATE_90_COUNTERCLOCKWISE);
            default -> image.copyTo(out);
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
}
