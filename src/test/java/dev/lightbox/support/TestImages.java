package dev.lightbox.support;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Photos for tests: real ones from Debian packages (facedetect, opencv-doc: installed by .ci/run) and
 * generated ones, plus hand-made EXIF, a decompression bomb and other hostile files.
 */
public final class TestImages {

    public static final Path GRACE_HOPPER = Path.of("/usr/share/doc/facedetect/examples/grace_hopper_512x512.jpg");
    public static final Path ICE_BLOCK = Path.of("/usr/share/doc/facedetect/examples/640px-IceBlockNearJoekullsarlon.jpg");
    public static final Path MESSI = Path.of("/usr/share/doc/opencv-doc/examples/data/messi5.jpg");
    public static final Path FRUITS = Path.of("/usr/share/doc/opencv-doc/examples/data/fruits.jpg");

    private TestImages() {
    }

    public static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new IllegalStateException("Test photo missing: " + path + " (apt-get install facedetect opencv-doc)", e);
        }
    }

    /** The same picture with different bytes (16 random bytes after the JPEG's end marker): new content to the server. */
    public static byte[] uniqueCopy(byte[] jpeg) {
        byte[] copy = java.util.Arrays.copyOf(jpeg, jpeg.length + 16);
        byte[] tail = new byte[16];
        new Random().nextBytes(tail);
        System.arraycopy(tail, 0, copy, jpeg.length, 16);
        return copy;
    }

    /** A generated picture: background colour from the seed, shapes, and a red block in the top-left corner. */
    public static Mat picture(int width, int height, long seed) {
        Random random = new Random(seed);
        Mat image = new Mat(height, width, CV_8UC3, new Scalar(random.nextInt(200), random.nextInt(200), random.nextInt(200), 0));
        for (int i = 0; i < 12; i++) {
            circle(image, new Point(random.nextInt(width), random.nextInt(height)), 5 + random.nextInt(Math.max(6, width / 6)),
                    new Scalar(random.nextInt(256), random.nextInt(256), random.nextInt(256), 0), FILLED, 8, 0);
        }
        rectangle(image, new Point(0, 0), new Point(width / 5, height / 5), new Scalar(0, 0, 255, 0), FILLED, 8, 0);
        return image;
    }

    public static byte[] encode(Mat image, String extension) {
        try (BytePointer out = new BytePointer()) {
            if (!imencode(extension, image, out)) throw new IllegalStateException("encode " + extension);
            byte[] bytes = new byte[(int) out.limit()];
            out.get(bytes);
            return bytes;
        }
    }

    public static byte[] jpeg(int width, int height, long seed) {
        return encode(picture(width, height, seed), ".jpg");
    }

    public static Mat decode(byte[] bytes) {
        return imdecode(new Mat(new BytePointer(bytes)), IMREAD_COLOR);
    }

    /** Inserts an EXIF APP1 segment (orientation, capture time, optional GPS) right after a JPEG's SOI marker. */
    public static byte[] withExif(byte[] jpeg, int orientation, String dateTimeOriginal, Double latitude, Double longitude) {
        ByteBuffer tiff = ByteBuffer.allocate(512); // big-endian TIFF structure, offsets from its start
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
        boolean gps = latitude != null && longitude != null;
        int ifd0Entries = gps ? 3 : 2;
        int ifd0End = 8 + 2 + ifd0Entries * 12 + 4;
        int exifIfd = ifd0End;
        int exifEnd = exifIfd + 2 + 12 + 4;
        int dateOffset = exifEnd;
        int gpsIfd = dateOffset + 20;
        int gpsEnd = gpsIfd + 2 + 4 * 12 + 4;
        int latOffset = gpsEnd;
        int lonOffset = latOffset + 24;

        tiff.putShort((short) ifd0Entries);
        entry(tiff, 0x0112, 3, 1, orientation << 16);      // Orientation, SHORT (left-justified)
        entry(tiff, 0x8769, 4, 1, exifIfd);                 // Exif IFD pointer
        if (gps) entry(tiff, 0x8825, 4, 1, gpsIfd);         // GPS IFD pointer
        tiff.putInt(0);
        tiff.putShort((short) 1);
        entry(tiff, 0x9003, 2, 20, dateOffset);             // DateTimeOriginal, ASCII
        tiff.putInt(0);
        tiff.put((dateTimeOriginal + "\0").getBytes(StandardCharsets.US_ASCII));
        if (gps) {
            tiff.putShort((short) 4);
            entry(tiff, 1, 2, 2, (latitude >= 0 ? 'N' : 'S') << 24);
            entry(tiff, 2, 5, 3, latOffset);
            entry(tiff, 3, 2, 2, (longitude >= 0 ? 'E' : 'W') << 24);
            entry(tiff, 4, 5, 3, lonOffset);
            tiff.putInt(0);
            degrees(tiff, Math.abs(latitude));
            degrees(tiff, Math.abs(longitude));
        }
        return withApp1(jpeg, tiff);
    }

    /** Inserts {@code tiff} (written from 0 to its position) as an EXIF APP1 segment right after a JPEG's SOI marker. */
    public static byte[] withApp1(byte[] jpeg, ByteBuffer tiff) {
        return dev.lightbox.coach.demo.DemoExif.withApp1(jpeg, tiff);
    }

    /** One IFD entry: tag, type, count, and the value or its offset. */
    public static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
    }

    private static void degrees(ByteBuffer b, double value) {
        int deg = (int) value;
        double minutes = (value - deg) * 60;
        int min = (int) minutes;
        int seconds100 = (int) Math.round((minutes - min) * 60 * 100);
        b.putInt(deg).putInt(1).putInt(min).putInt(1).putInt(seconds100).putInt(100);
    }

    /** A PNG of a few KB whose header claims width × height pixels: decoding it would need gigabytes. */
    public static byte[] pngBomb(int width, int height) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[1 << 20]); // the first MB of zero rows
        deflater.finish();
        byte[] buffer = new byte[1 << 16];
        int n = deflater.deflate(buffer);
        chunk(out, "IDAT", java.util.Arrays.copyOf(buffer, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        ByteBuffer length = ByteBuffer.allocate(4).putInt(data.length);
        out.writeBytes(length.array());
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
