package dev.lightbox.library.service;

import dev.lightbox.library.domain.ImageFormat;
import java.util.Optional;

/**
 * Stored width and height read straight from a file's first bytes, without decoding pixels: PNG's IHDR,
 * JPEG's SOF segment, WebP's VP8/VP8L/VP8X header, TIFF's first IFD. Empty when they lie beyond the bytes given.
 * A header that could be read two ways (a TIFF tag given twice, IFD entries out of order, a PNG whose first
 * chunk is not IHDR) is refused: a decoder reading it the other way could be handed far more pixels than
 * the limit was checked against.
 */
final class HeaderDimensions {

    record Size(int width, int height) {
        long pixels() {
            return (long) width * height;
        }
    }

    private HeaderDimensions() {
    }

    static Optional<Size> read(ImageFormat format, byte[] b, int length) {
        try {
            return switch (format) {
                case PNG -> png(b, length);
                case JPEG -> jpeg(b, length);
                case WEBP -> webp(b, length);
                case TIFF -> tiff(b, length);
            };
        } catch (ArrayIndexOutOfBoundsException truncatedHeader) {
            return Optional.empty();
        }
    }

    private static Optional<Size> png(byte[] b, int length) {
        if (length < 24) return Optional.empty();
        if (be32(b, 8) != 13 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            throw contradiction("a PNG must begin with its IHDR chunk");
        }
        return Optional.of(new Size(be32(b, 16), be32(b, 20)));
    }

    private static Optional<Size> jpeg(byte[] b, int length) {
        int i = 2;
        while (i + 9 < length) {
            if ((b[i] & 0xFF) != 0xFF) return Optional.empty(); // not at a marker: damaged
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) { i++; continue; } // fill byte
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { i += 2; continue; }
            if (marker == 0xDA || marker == 0xD9) return Optional.empty(); // scan data or end before any frame header
            int segmentLength = be16(b, i + 2);
            boolean frameHeader = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frameHeader) return Optional.of(new Size(be16(b, i + 7), be16(b, i + 5)));
            i += 2 + segmentLength;
        }
        return Optional.empty();
    }

    private static Optional<Size> webp(byte[] b, int length) {
        if (length < 30) return Optional.empty();
        String chunk = new String(b, 12, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        return switch (chunk) {
            case "VP8 " -> Optional.of(new Size(le16(b, 26) & 0x3FFF, le16(b, 28) & 0x3FFF));
            case "VP8L" -> {
                int bits = le32(b, 21);
                yield Optional.of(new Size((bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1));
            }
            case "VP8X" -> Optional.of(new Size(le24(b, 24) + 1, le24(b, 27) + 1));
            default -> Optional.empty();
        };
    }

    private static Optional<Size> tiff(byte[] b, int length) {
        boolean little = b[0] == 'I';
        long ifd = u32(b, 4, little);
        if (ifd + 2 > length) return Optional.empty();
        int entries = u16(b, (int) ifd, little);
        int width = -1;
        int height = -1;
        int previousTag = -1;
        for (int e = 0; e < entries; e++) {
            int at = (int) ifd + 2 + e * 12;
            if (at + 12 > length) return Optional.empty();
            int tag = u16(b, at, little);
            // TIFF 6.0 §2: entries sorted ascending by tag. libtiff keeps the first of a repeated tag, readers differ.
            if (tag == previousTag) throw contradiction("its TIFF tag " + tag + " is given twice");
            if (tag < previousTag) throw contradiction("its TIFF tags are out of order");
            previousTag = tag;
            if (tag == 256 || tag == 257) {
                int type = u16(b, at + 2, little);
                long count = u32(b, at + 4, little);
                if ((type != 3 && type != 4) || count != 1) throw contradiction("its TIFF image size is not a single number");
                long value = type == 3 ? u16(b, at + 8, little) : u32(b, at + 8, little);
                if (value > Integer.MAX_VALUE) throw contradiction("its TIFF image size is out of range");
                if (tag == 256) width = (int) value;
                else height = (int) value;
            }
        }
        return width > 0 && height > 0 ? Optional.of(new Size(width, height)) : Optional.empty();
    }

    private static UploadRejectedException contradiction(String what) {
        return new UploadRejectedException(UploadRejectedException.Reason.CORRUPT,
                "The image header contradicts itself (" + what + "), so it is refused.");
    }

    private static int be16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static int be32(byte[] b, int i) {
        return (be16(b, i) << 16) | be16(b, i + 2);
    }

    private static int le16(byte[] b, int i) {
        return (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8);
    }

    private static int le24(byte[] b, int i) {
        return le16(b, i) | ((b[i + 2] & 0xFF) << 16);
    }

    private static int le32(byte[] b, int i) {
        return le16(b, i) | (le16(b, i + 2) << 16);
    }

    private static int u16(byte[] b, int i, boolean little) {
        return little ? le16(b, i) : be16(b, i);
    }

    private static long u32(byte[] b, int i, boolean little) {
        return (little ? le32(b, i) : be32(b, i)) & 0xFFFFFFFFL;
    }
}
