package dev.lightbox.library.service;

import dev.lightbox.library.service.UploadRejectedException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStreamImpl;
import org.jspecify.annotations.Nullable;

/**
 * Reads a JPEG's scan data through to its end marker with the JDK's decoder, which reports what OpenCV's
 * silently papers over with grey: a scan cut short ("premature end of data segment") or damaged bytes
 * ("corrupt JPEG data"). Data after the end marker (motion photos, phone trailers) is never read, so it is
 * accepted. Decoding is subsampled 8× so only a few rows of pixels are ever held.
 */
final class JpegScanCheck {

    private JpegScanCheck() {
    }

    /** True when the scan data is whole; false when this decoder cannot read the JPEG's coding process at all. */
    static boolean verify(ByteBuffer encoded) {
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (var in = new BufferInput(encoded)) {
            reader.setInput(in, true, true);
            if (!readsHeader(reader)) return false;
            var param = reader.getDefaultReadParam();
            param.setSourceSubsampling(8, 8, 0, 0);
            reader.readRaster(0, param); // a marker in damaged scan data may even look like another frame: all damage
        } catch (IOException | RuntimeException e) {
            throw damaged(e);
        } finally {
            reader.dispose();
        }
        if (!warnings.isEmpty()) throw damaged(null);
        return true;
    }

    /** False for coding processes the JDK's decoder lacks (arithmetic, lossless, 12 bits), read by OpenCV alone. */
    private static boolean readsHeader(ImageReader reader) throws IOException {
        try {
            reader.getWidth(0);
            return true;
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).startsWith("Unsupported JPEG process")) return false;
            throw e;
        }
    }

    private static UploadRejectedException damaged(@Nullable Throwable cause) {
        return new UploadRejectedException(Reason.CORRUPT,
                "The file is truncated or its image data is damaged (was the upload cut off?).", cause);
    }

    /** Random access over bytes already in memory: no copy, no cache. */
    private static final class BufferInput extends ImageInputStreamImpl {
        private final ByteBuffer bytes;

        BufferInput(ByteBuffer bytes) {
            this.bytes = bytes.duplicate();
        }

        @Override
        public int read() {
            bitOffset = 0;
            if (streamPos >= bytes.limit()) return -1;
            return bytes.get((int) streamPos++) & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            bitOffset = 0;
            if (streamPos >= bytes.limit()) return -1;
            int n = (int) Math.min(length, bytes.limit() - streamPos);
            bytes.get((int) streamPos, buffer, offset, n);
            streamPos += n;
            return n;
        }

        @Override
        public long length() {
            return bytes.limit();
        }
    }
}
