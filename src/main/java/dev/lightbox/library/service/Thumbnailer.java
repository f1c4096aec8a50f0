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
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Upright JPEG renditions of an original with OpenCV (every native object of a call freed when it returns): a 1600 px preview and a 400 px thumbnail (long
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
        try (PointerScope scope = new PointerScope();
             Mat decoded = decode(original, size, format, storedWidth, storedHeight, PREVIEW_EDGE);
             Mat preview = fit(decoded, PREVIEW_EDGE);
             Mat upright = orient(preview, orientation);
             Mat thumbnail = fit(upright, THUMBNAIL_EDGE)) {
            return new Renditions(jpeg(upright, 85), jpeg(thumbnail, 80));
        }
    }

    /** Only the thumbnail: decodes at the smallest scale that covers 400 px. */
    public static byte[] thumbnail(InputStream original, long size, ImageFormat format, int storedWidth, int storedHeight,
                                   int orientation) throws IOException {
        try (PointerScope scope = new PointerScope();
             Mat decoded = decode(original, size, format, storedWidth, storedHeight, THUMBNAIL_EDGE);
             Mat small = fit(decoded, THUMBNAIL_EDGE);
             Mat upright = orient(small, orientation)) {
            return jpeg(upright, 80);
        }
    }

    /**
     * An upright BGR working copy of at most {@code maxPixels} pixels (JPEGs decoded DCT-scaled, the rest
     * decoded whole and shrunk), sized from the pixels actually decoded. The caller closes the Mat.
     */
    public static Mat workingCopy(InputStream original, long size, ImageFormat format, int storedWidth, int storedHeight,
                                  int orientation, long maxPixels) throws IOException {
        try (Mat decoded = decode(original, size, format, storedWidth, storedHeight, edgeWithin(storedWidth, storedHeight, maxPixels));
             Mat fitted = fit(decoded, edgeWithin(decoded.cols(), decoded.rows(), maxPixels))) {
            return orient(fitted, orientation);
        }
    }

    private static int edgeWithin(int width, int height, long maxPixels) {
        double scale = Math.min(1.0, Math.sqrt((double) maxPixels / ((long) width * height)));
        return Math.max(1, (int) Math.floor(Math.max(width, height) * scale));
    }

    /**
     * Proves the pixel data is readable: JPEGs are read through to their end by a decoder that reports
     * damaged or missing scan data (OpenCV's fills it with grey silently); the rest decode at full size.
     */
    public static void verifyDecodable(InputStream original, long size, ImageFormat format, int storedWidth, int storedHeight)
            throws IOException {
        try (PointerScope scope = new PointerScope(); BytePointer encoded = readEncoded(original, size)) {
            // a JPEG the scan check cannot read (arithmetic coding, 12 bits) is left to OpenCV's decoder alone
            if (format == ImageFormat.JPEG && JpegScanCheck.verify(encoded.asByteBuffer())) return;
            try (Mat decoded = decode(encoded, format, storedWidth, storedHeight, 1)) {
                // decode threw if the data was damaged or disagreed with the header
            }
        }
    }

    /**
     * Decodes at the smallest scale that still covers {@code targetEdge}, then checks the decoded size is
     * the one the header promised (and the pixel limit was checked against) before anyone works on it.
     */
    static Mat decode(InputStream original, long size, ImageFormat format, int storedWidth, int storedHeight, int targetEdge)
            throws IOException {
        try (BytePointer encoded = readEncoded(original, size)) {
            return decode(encoded, format, storedWidth, storedHeight, targetEdge);
        }
    }

    private static Mat decode(BytePointer encoded, ImageFormat format, int storedWidth, int storedHeight, int targetEdge) {
        int reduction = reduction(format, Math.max(storedWidth, storedHeight), targetEdge);
        Mat image;
        try (Mat wrapped = new Mat(1, (int) encoded.limit(), CV_8UC1, encoded)) {
            image = imdecode(wrapped, IMREAD_IGNORE_ORIENTATION | readMode(reduction));
        }
        if (image == null || image.empty()) {
            throw new UploadRejectedException(Reason.CORRUPT, "The image data is damaged and cannot be decoded.");
        }
        // DCT scaling rounds up, a plain resize down: either is the header's size divided by the reduction
        if (Math.abs((long) image.cols() * reduction - storedWidth) >= reduction
                || Math.abs((long) image.rows() * reduction - storedHeight) >= reduction) {
            String decoded = image.cols() * reduction + " × " + image.rows() * reduction;
            image.close();
            throw new UploadRejectedException(Reason.CORRUPT, "The image header contradicts its pixel data (" + storedWidth + " × "
                    + storedHeight + " in the header, " + decoded + " decoded).");
        }
        return image;
    }

    /** The whole encoded file in native memory (off the Java heap); its limit is the bytes read. */
    static BytePointer readEncoded(InputStream original, long size) throws IOException {
        if (size > Integer.MAX_VALUE) throw new UploadRejectedException(Reason.TOO_MANY_BYTES, "The file is too large to decode.");
        BytePointer encoded = new BytePointer(size);
        try {
            byte[] buffer = new byte[64 * 1024];
            long filled = 0;
            for (int n; filled < size && (n = original.read(buffer, 0, (int) Math.min(buffer.length, size - filled))) > 0; filled += n) {
                encoded.position(filled).put(buffer, 0, n);
            }
            encoded.position(0).limit(filled);
            return encoded;
        } catch (IOException | RuntimeException e) {
            encoded.close();
            throw e;
        }
    }

    /** JPEGs decode DCT-scaled by 1/2, 1/4 or 1/8; other formats whole. */
    private static int reduction(ImageFormat format, int longEdge, int targetEdge) {
        if (format != ImageFormat.JPEG) return 1;
        for (int factor = 8; factor > 1; factor /= 2) {
            if (longEdge / factor >= targetEdge) return factor;
        }
        return 1;
    }

    private static int readMode(int reduction) {
        return switch (reduction) {
            case 8 -> IMREAD_REDUCED_COLOR_8;
            case 4 -> IMREAD_REDUCED_COLOR_4;
            case 2 -> IMREAD_REDUCED_COLOR_2;
            default -> IMREAD_COLOR;
        };
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
