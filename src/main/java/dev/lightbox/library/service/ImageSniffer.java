package dev.lightbox.library.service;

import dev.lightbox.library.domain.ImageFormat;
import dev.lightbox.library.service.UploadRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Recognises a file by its first bytes, never by its name or the client's content type. Accepts JPEG,
 * PNG, WebP and TIFF; names what it refuses (SVG and other markup that can carry scripts, HEIC, GIF, …).
 */
final class ImageSniffer {

    private ImageSniffer() {
    }

    static ImageFormat detect(byte[] head, int length) {
        if (length == 0) throw new UploadRejectedException(Reason.EMPTY, "The file is empty.");
        if (starts(head, length, 0xFF, 0xD8, 0xFF)) return ImageFormat.JPEG;
        if (starts(head, length, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return ImageFormat.PNG;
        if (starts(head, length, 'R', 'I', 'F', 'F') && length >= 12 && ascii(head, 8, 4).equals("WEBP")) return ImageFormat.WEBP;
        if (starts(head, length, 'I', 'I', 42, 0) || starts(head, length, 'M', 'M', 0, 42)) return ImageFormat.TIFF;
        if (length >= 12 && ascii(head, 4, 4).equals("ftyp")) {
            String brand = ascii(head, 8, 4);
            if (brand.startsWith("hei") || brand.startsWith("hev") || brand.equals("mif1") || brand.equals("msf1")) {
                throw unsupported("HEIC/HEIF");
            }
            if (brand.startsWith("avi")) throw unsupported("AVIF");
            throw new UploadRejectedException(Reason.NOT_AN_IMAGE, "This is a video or other media file, not a photo.");
        }
        if (starts(head, length, 'G', 'I', 'F', '8')) throw unsupported("GIF");
        if (starts(head, length, 'B', 'M')) throw unsupported("BMP");
        if (looksLikeMarkup(head, length)) {
            throw new UploadRejectedException(Reason.SCRIPT_FORMAT,
                    "SVG, HTML and other markup files are not accepted: they can carry scripts.");
        }
        if (starts(head, length, '%', 'P', 'D', 'F')) {
            throw new UploadRejectedException(Reason.NOT_AN_IMAGE, "This is a PDF document, not a photo.");
        }
        throw new UploadRejectedException(Reason.NOT_AN_IMAGE, "This file is not an image Lightbox can read (JPEG, PNG, WebP or TIFF).");
    }

    private static UploadRejectedException unsupported(String format) {
        return new UploadRejectedException(Reason.UNSUPPORTED_FORMAT,
                format + " is not supported on this server; upload JPEG, PNG, WebP or TIFF.");
    }

    private static boolean looksLikeMarkup(byte[] head, int length) {
        int start = 0;
        if (starts(head, length, 0xEF, 0xBB, 0xBF)) start = 3; // UTF-8 byte order mark
        String text = new String(head, start, Math.min(length - start, 1024), StandardCharsets.UTF_8).stripLeading().toLowerCase(Locale.ROOT);
        return text.startsWith("<") && (text.contains("<svg") || text.startsWith("<?xml") || text.startsWith("<!doctype")
                || text.startsWith("<html") || text.contains("<script"));
    }

    private static boolean starts(byte[] head, int length, int... magic) {
        if (length < magic.length) return false;
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) return false;
        }
        return true;
    }

    private static String ascii(byte[] head, int offset, int count) {
        return new String(head, offset, count, StandardCharsets.ISO_8859_1);
    }
}
