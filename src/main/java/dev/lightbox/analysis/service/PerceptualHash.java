package dev.lightbox.analysis.service;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.dct;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.Arrays;
import java.util.HexFormat;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A 64-bit DCT perceptual hash (pHash) of a picture's content: the picture shrunk to 32 × 32 grey, its
 * 2-D DCT, and one bit per low frequency of its top-left 8 × 8, set when that coefficient is above
 * their median (as imagehash's {@code phash} does). Re-encoding, resizing, a slight crop
 * or blur move few bits; a different picture differs in about half. Stored as 16 hex digits.
 */
public final class PerceptualHash {

    private static final int SIDE = 32;
    private static final int LOW = 8;

    private PerceptualHash() {
    }

    /** The hash of an 8-bit BGR (or grey) picture of any size; cost is bounded by one area resize to 32 × 32. */
    public static long of(Mat picture) {
        try (Mat gray = new Mat(); Mat small = new Mat(); Mat floats = new Mat(); Mat frequencies = new Mat()) {
            Mat source = picture;
            if (picture.channels() == 3) {
                cvtColor(picture, gray, COLOR_BGR2GRAY);
                source = gray;
            }
            resize(source, small, new Size(SIDE, SIDE), 0, 0, INTER_AREA);
            small.convertTo(floats, CV_32F);
            dct(floats, frequencies);
            float[] low = new float[LOW * LOW];
            try (FloatIndexer values = frequencies.createIndexer()) {
                for (int y = 0; y < LOW; y++) {
                    for (int x = 0; x < LOW; x++) low[y * LOW + x] = values.get(y, x);
                }
            }
            float[] sorted = low.clone();
            Arrays.sort(sorted);
            float median = (sorted[31] + sorted[32]) / 2;
            long hash = 0;
            for (int i = 0; i < low.length; i++) {
                if (low[i] > median) hash |= 1L << (63 - i);
            }
            return hash;
        }
    }

    /** The hash as stored: 16 lower-case hex digits. */
    public static String hex(long hash) {
        return HexFormat.of().toHexDigits(hash);
    }

    /** The stored form read back; throws {@link NumberFormatException} for anything but 16 hex digits. */
    public static long parse(String hex) {
        if (hex.length() != 16) throw new NumberFormatException("a perceptual hash is 16 hex digits");
        return Long.parseUnsignedLong(hex, 16);
    }

    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }
}
