package dev.lightbox.library.service;

import dev.lightbox.library.domain.ImageFormat;
import dev.lightbox.library.service.UploadRejectedException.Reason;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Finds a file's EXIF block (a small TIFF structure) by walking the container, keeping only that block:
 * JPEG's {@code APP1 Exif} segment, PNG's {@code eXIf} chunk, WebP's {@code EXIF} chunk; a TIFF file is one.
 * Everything else (compressed PNG text, ICC profiles, XMP, thumbnails) is skipped unread, so no
 * decompression bomb or oversized packet is ever inflated or held.
 */
final class ExifBlock {

    /** The largest EXIF block kept; a JPEG's cannot exceed 64 KB, cameras write far less. */
    static final int MAX_BYTES = 1024 * 1024;

    private static final byte[] EXIF_PREAMBLE = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);

    private ExifBlock() {
    }

    /** The EXIF TIFF bytes, empty when the file has none (or its structure ends before one). */
    static Optional<byte[]> find(ImageFormat format, InputStream stream) throws IOException {
        var in = new DataInputStream(stream);
        try {
            return switch (format) {
                case JPEG -> jpeg(in);
                case PNG -> png(in);
                case WEBP -> webp(in);
                case TIFF -> Optional.of(in.readNBytes(MAX_TIFF_WINDOW));
            };
        } catch (EOFException endedEarly) {
            return Optional.empty();
        }
    }

    /** A TIFF's own tags are its EXIF; its first window is read (they sit at the start in every writer seen). */
    static final int MAX_TIFF_WINDOW = 8 * 1024 * 1024;

    private static Optional<byte[]> jpeg(DataInputStream in) throws IOException {
        in.skipNBytes(2); // SOI
        while (true) {
            int b = in.readUnsignedByte();
            if (b != 0xFF) return Optional.empty(); // not at a marker: the decoder judges the damage
            int marker = in.readUnsignedByte();
            while (marker == 0xFF) marker = in.readUnsignedByte(); // fill bytes
            if (marker == 0xDA || marker == 0xD9) return Optional.empty(); // scan or end: no EXIF before it
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) continue; // markers without a length
            int length = in.readUnsignedShort() - 2;
            if (length < 0) return Optional.empty();
            if (marker == 0xE1 && length > EXIF_PREAMBLE.length) {
                byte[] segment = in.readNBytes(length);
                if (segment.length < length) return Optional.empty();
                if (startsWith(segment, EXIF_PREAMBLE)) return Optional.of(Arrays.copyOfRange(segment, EXIF_PREAMBLE.length, segment.length));
            } else {
                in.skipNBytes(length);
            }
        }
    }

    private static Optional<byte[]> png(DataInputStream in) throws IOException {
        in.skipNBytes(8); // signature
        while (true) {
            long length = in.readInt() & 0xFFFFFFFFL;
            String type = ascii(in.readNBytes(4));
            if (length > Integer.MAX_VALUE) return Optional.empty(); // PNG forbids it; the decoder refuses the file
            if (type.equals("eXIf")) return Optional.of(withoutPreamble(bounded(in, length)));
            if (type.equals("IEND")) return Optional.empty();
            in.skipNBytes(length + 4); // data and CRC, never inflated
        }
    }

    private static Optional<byte[]> webp(DataInputStream in) throws IOException {
        in.skipNBytes(12); // RIFF, size, WEBP
        while (true) {
            String type = ascii(in.readNBytes(4));
            long length = Integer.reverseBytes(in.readInt()) & 0xFFFFFFFFL;
            if (type.equals("EXIF")) return Optional.of(withoutPreamble(bounded(in, length)));
            in.skipNBytes(length + (length & 1)); // chunks are padded to an even size
        }
    }

    private static byte[] bounded(DataInputStream in, long length) throws IOException {
        if (length > MAX_BYTES) throw tooLarge(length);
        byte[] block = in.readNBytes((int) length);
        if (block.length < length) throw new EOFException();
        return block;
    }

    private static UploadRejectedException tooLarge(long length) {
        return new UploadRejectedException(Reason.TOO_MANY_BYTES, "The photo's EXIF metadata is " + (length / 1024)
                + " KB, more than the " + (MAX_BYTES / 1024) + " KB Lightbox reads.");
    }

    private static byte[] withoutPreamble(byte[] block) {
        return startsWith(block, EXIF_PREAMBLE) ? Arrays.copyOfRange(block, EXIF_PREAMBLE.length, block.length) : block;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static String ascii(byte[] bytes) throws EOFException {
        if (bytes.length < 4) throw new EOFException();
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
