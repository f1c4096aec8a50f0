package dev.lightbox.vision.service;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.lightbox.library.service.PhotoAdded;
import dev.lightbox.library.service.PhotoService;
import java.io.IOException;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.springframework.stereotype.Component;

/**
 * What is sent to the remote model instead of the original: the upright photo at most {@link #LONG_EDGE} px on
 * its long edge, decoded within the library's pixel bound and re-encoded as a plain JPEG by OpenCV, so no
 * EXIF, GPS, ICC or other metadata of the original goes with it.
 */
@Component
class VisionPreview {

    static final int LONG_EDGE = 1024;
    static final int QUALITY = 85;
    /** The decode bound: enough pixels for a sharp 1024 px copy, a fraction of a large original's. */
    static final long WORKING_PIXELS = 4L * LONG_EDGE * LONG_EDGE;

    private final PhotoService photos;

    VisionPreview(PhotoService photos) {
        this.photos = photos;
    }

    byte[] jpeg(PhotoAdded p) throws IOException {
        try (PointerScope scope = new PointerScope();
             Mat working = photos.workingCopy(p.sha256(), p.format(), p.sizeBytes(), p.storedWidth(), p.storedHeight(), p.orientation(),
                     WORKING_PIXELS)) {
            double scale = Math.min(1, LONG_EDGE / (double) Math.max(working.cols(), working.rows()));
            Mat small = working;
            if (scale < 1) {
                small = new Mat();
                resize(working, small, new Size(Math.max(1, (int) Math.floor(working.cols() * scale)),
                        Math.max(1, (int) Math.floor(working.rows() * scale))), 0, 0, INTER_AREA);
            }
            try (BytePointer out = new BytePointer(); IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, QUALITY)) {
                if (!imencode(".jpg", small, out, params)) throw new IOException("The preview could not be encoded as JPEG");
                byte[] bytes = new byte[(int) out.limit()];
                out.get(bytes);
                return bytes;
            }
        }
    }
}
