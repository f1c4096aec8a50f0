package dev.lightbox.library.service;

import dev.lightbox.library.domain.ImageFormat;
import dev.lightbox.library.service.UploadRejectedException.Reason;

/**
 * A cut-off upload may still decode, so truncation is caught by the format's own end: PNG's IEND chunk,
 * the size WebP's RIFF header announces. A JPEG's end is found by reading its scan through
 * ({@link JpegScanCheck}), so bytes after its end marker (motion photos, phone trailers) are no reason to refuse it.
 */
final class CompletenessCheck {

    private CompletenessCheck() {
    }

    static void verify(ImageFormat format, byte[] head, byte[] tail, long size) {
        boolean complete = switch (format) {
            case JPEG -> true; // JpegScanCheck finds a scan cut short
            case PNG -> contains(tail, new byte[] {'I', 'E', 'N', 'D'});
            case WEBP -> head.length >= 8 && size >= riffSize(head) + 8L;
            case TIFF -> true; // no end marker: a damaged TIFF fails to decode instead
        };
        if (!complete) {
            throw new UploadRejectedException(Reason.CORRUPT, "The file is truncated: its end is missing (was the upload cut off?).");
        }
    }

    private static long riffSize(byte[] head) {
        return (head[4] & 0xFFL) | (head[5] & 0xFFL) << 8 | (head[6] & 0xFFL) << 16 | (head[7] & 0xFFL) << 24;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return true;
        }
        return false;
    }
}
