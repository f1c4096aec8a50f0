package dev.lightbox.support;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;

/** Files an attacker (or a broken phone) sends: each one small, each aimed at a parser or a decoder. */
public final class HostileFiles {

    private HostileFiles() {
    }

    /**
     * A deflate-compressed 8-bit grey TIFF whose first IFD gives ImageWidth twice: {@code firstWidth}
     * (what libtiff decodes) then {@code secondWidth}. A reader keeping the last one sees a sliver.
     */
    public static byte[] tiffWithDuplicateWidth(int firstWidth, int secondWidth, int height) {
        byte[] pixels = deflate(new byte[firstWidth * height]);
        int entryCount = 11;
        int ifdOffset = 8;
        int dataOffset = ifdOffset + 2 + entryCount * 12 + 4;
        ByteBuffer b = ByteBuffer.allocate(dataOffset + pixels.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifdOffset);
        b.putShort((short) entryCount);
        tiffEntry(b, 256, 4, 1, firstWidth);
        tiffEntry(b, 256, 4, 1, secondWidth);
        tiffEntry(b, 257, 4, 1, height);
        tiffEntry(b, 258, 3, 1, 8);          // bits per sample
        tiffEntry(b, 259, 3, 1, 8);          // compression: deflate
        tiffEntry(b, 262, 3, 1, 1);          // black is zero
        tiffEntry(b, 273, 4, 1, dataOffset); // strip offset
        tiffEntry(b, 277, 3, 1, 1);          // samples per pixel
        tiffEntry(b, 278, 4, 1, height);     // rows per strip: one strip
        tiffEntry(b, 279, 4, 1, pixels.length);
        tiffEntry(b, 284, 3, 1, 1);          // planar: chunky
        b.putInt(0);
        b.put(pixels);
        return b.array();
    }

    /** A small valid PNG carrying a zTXt chunk that inflates to {@code inflatedMegabytes} MB of text. */
    public static byte[] pngWithTextBomb(int inflatedMegabytes) {
        var out = new ByteArrayOutputStream();
        byte[] png = TestImages.encode(TestImages.picture(64, 48, 5), ".png");
        out.write(png, 0, 33); // signature and IHDR
        var text = new ByteArrayOutputStream();
        text.writeBytes("Comment".getBytes(StandardCharsets.ISO_8859_1));
        text.write(0);
        text.write(0); // compression method: deflate
        Deflater deflater = new Deflater(9);
        byte[] zeros = new byte[1 << 20];
        byte[] buffer = new byte[1 << 16];
        for (int i = 0; i < inflatedMegabytes; i++) {
            deflater.setInput(zeros);
            while (!deflater.needsInput()) text.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.finish();
        while (!deflater.finished()) text.write(buffer, 0, deflater.deflate(buffer));
        TestImages.chunk(out, "zTXt", text.toByteArray());
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    /** A valid PNG with an eXIf chunk of {@code bytes} bytes (a TIFF header, then padding). */
    public static byte[] pngWithExif(int bytes) {
        var out = new ByteArrayOutputStream();
        byte[] png = TestImages.encode(TestImages.picture(64, 48, 6), ".png");
        out.write(png, 0, 33);
        byte[] exif = new byte[bytes];
        ByteBuffer.wrap(exif).order(ByteOrder.LITTLE_ENDIAN).put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) 0);
        TestImages.chunk(out, "eXIf", exif);
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    /** The JPEG with part of its scan data overwritten by random bytes; its end marker is intact. */
    public static byte[] jpegWithDamagedScan(byte[] jpeg) {
        byte[] damaged = jpeg.clone();
        int scan = startOfScan(jpeg);
        var random = new Random(7);
        for (int i = scan + (jpeg.length - scan) / 3; i < scan + (jpeg.length - scan) / 2; i++) damaged[i] = (byte) random.nextInt(256);
        return damaged;
    }

    /** The first half of the JPEG's scan, then an end marker: what a cut-off transfer "repaired" by a tool looks like. */
    public static byte[] jpegCutShortWithEndMarker(byte[] jpeg) {
        int scan = startOfScan(jpeg);
        byte[] cut = Arrays.copyOf(jpeg, scan + (jpeg.length - scan) / 2 + 2);
        cut[cut.length - 2] = (byte) 0xFF;
        cut[cut.length - 1] = (byte) 0xD9;
        return cut;
    }

    /** The JPEG followed by a 200 KB trailer, as motion photos append their video. */
    public static byte[] jpegWithTrailer(byte[] jpeg) {
        byte[] withTrailer = Arrays.copyOf(jpeg, jpeg.length + 200 * 1024);
        new Random(3).nextBytes(withTrailer);
        System.arraycopy(jpeg, 0, withTrailer, 0, jpeg.length);
        return withTrailer;
    }

    private static int startOfScan(byte[] jpeg) {
        for (int i = 2; i < jpeg.length - 1; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) return i;
        }
        throw new IllegalArgumentException("no scan in this JPEG");
    }

    private static void tiffEntry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3) b.putShort((short) value).putShort((short) 0);
        else b.putInt(value);
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(9);
        deflater.setInput(data);
        deflater.finish();
        var out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        while (!deflater.finished()) out.write(buffer, 0, deflater.deflate(buffer));
        return out.toByteArray();
    }
}
