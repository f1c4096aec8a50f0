package dev.lightbox.coach.demo;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Inserts an EXIF APP1 segment (camera make and model, DateTimeOriginal) right after a JPEG's SOI marker. Public for
 * the tests, which write EXIF the same way.
 */
public final class DemoExif {

    private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    private DemoExif() {
    }

    /** {@code make} and {@code model}: short ASCII (under 100 characters each). */
    public static byte[] withCamera(byte[] jpeg, String make, String model, LocalDateTime takenAt) {
        ByteBuffer tiff = ByteBuffer.allocate(512); // big-endian TIFF structure, offsets from its start
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
        int exifIfd = 8 + 2 + 3 * 12 + 4;
        int date = exifIfd + 2 + 12 + 4;
        int makeAt = date + 20;
        int modelAt = makeAt + make.length() + 1;
        tiff.putShort((short) 3);
        entry(tiff, 0x010F, 2, make.length() + 1, makeAt);   // Make, ASCII
        entry(tiff, 0x0110, 2, model.length() + 1, modelAt); // Model, ASCII
        entry(tiff, 0x8769, 4, 1, exifIfd);                  // Exif IFD pointer
        tiff.putInt(0);
        tiff.putShort((short) 1);
        entry(tiff, 0x9003, 2, 20, date);                    // DateTimeOriginal, ASCII
        tiff.putInt(0);
        tiff.put((EXIF_TIME.format(takenAt) + "\0").getBytes(StandardCharsets.US_ASCII));
        tiff.put((make + "\0").getBytes(StandardCharsets.US_ASCII));
        tiff.put((model + "\0").getBytes(StandardCharsets.US_ASCII));

        return withApp1(jpeg, tiff);
    }

    /** Inserts {@code tiff} (written from 0 to its position) as an EXIF APP1 segment right after a JPEG's SOI marker. */
    public static byte[] withApp1(byte[] jpeg, ByteBuffer tiff) {
        byte[] body = new byte[tiff.position()];
        tiff.flip().get(body);
        var out = new ByteArrayOutputStream(jpeg.length + body.length + 16);
        out.write(jpeg, 0, 2);
        int length = 2 + 6 + body.length;
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
    }
}
