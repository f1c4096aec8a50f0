package dev.lightbox.culling;

import dev.lightbox.support.TestImages;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Inserts an EXIF APP1 segment with the camera's make and model and the capture time into a JPEG. */
public final class CameraExif {

    private CameraExif() {
    }

    /** {@code make} and {@code model}: 4 to 40 ASCII characters; {@code dateTimeOriginal}: "yyyy:MM:dd HH:mm:ss". */
    public static byte[] jpeg(byte[] jpeg, String make, String model, String dateTimeOriginal) {
        ByteBuffer tiff = ByteBuffer.allocate(256); // big-endian TIFF structure, offsets from its start
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
        int exifIfd = 8 + 2 + 3 * 12 + 4;
        int date = exifIfd + 2 + 12 + 4;
        int makeAt = date + 20;
        int modelAt = makeAt + make.length() + 1;
        tiff.putShort((short) 3);
        TestImages.entry(tiff, 0x010F, 2, make.length() + 1, makeAt);   // Make, ASCII
        TestImages.entry(tiff, 0x0110, 2, model.length() + 1, modelAt); // Model, ASCII
        TestImages.entry(tiff, 0x8769, 4, 1, exifIfd);                  // Exif IFD pointer
        tiff.putInt(0);
        tiff.putShort((short) 1);
        TestImages.entry(tiff, 0x9003, 2, 20, date);                    // DateTimeOriginal, ASCII
        tiff.putInt(0);
        tiff.put((dateTimeOriginal + "\0").getBytes(StandardCharsets.US_ASCII));
        tiff.put((make + "\0").getBytes(StandardCharsets.US_ASCII));
        tiff.put((model + "\0").getBytes(StandardCharsets.US_ASCII));
        return TestImages.withApp1(jpeg, tiff);
    }
}
