package dev.lightbox.library.service;

import dev.lightbox.library.service.UploadRejectedException.Reason;

/** The pixel and byte limits an upload and the sync client's file check both enforce, in the same words. */
final class UploadLimits {

    private UploadLimits() {
    }

    /** Refuses a header size that is not positive or is over {@code maxPixels}; {@code limit} names whose limit it is. */
    static void checkPixels(int width, int height, long maxPixels, String limit) {
        if (width <= 0 || height <= 0) throw new UploadRejectedException(Reason.CORRUPT, "The image header gives no valid size.");
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new UploadRejectedException(Reason.TOO_MANY_PIXELS, "The image is " + width + " × " + height + " pixels ("
                    + Math.round(pixels / 1e6) + " MP), over " + limit + " of " + Math.round(maxPixels / 1e6) + " MP.");
        }
    }

    static String megabytes(long bytes) {
        return (bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) : String.format("%.1f", bytes / 1048576.0)) + " MB";
    }
}
