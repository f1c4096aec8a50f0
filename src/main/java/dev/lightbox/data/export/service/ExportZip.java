package dev.lightbox.data.export.service;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an export zip to a stream, one entry at a time through one fixed copy buffer: what it holds does not grow
 * with the number or size of the files (only the set of names used, for de-duplication). Originals (already
 * compressed images) go in without compression, text compressed. Names are made safe (no directories from a file
 * name, no control characters) and unique: {@code IMG_1.jpg}, {@code IMG_1 (2).jpg}. Zip64 is used when needed.
 */
public final class ExportZip implements AutoCloseable {

    /** The copy buffer: the only per-byte memory the writer holds. */
    static final int BUFFER = 64 * 1024;

    private final CountingStream counted;
    private final ZipOutputStream zip;
    private final byte[] buffer = new byte[BUFFER];
    private final Set<String> used = new HashSet<>();

    public ExportZip(OutputStream out) {
        this.counted = new CountingStream(out);
        this.zip = new ZipOutputStream(counted, StandardCharsets.UTF_8);
    }

    /**
     * A name for {@code wanted} in {@code folder} ("" for the top) not used yet: the file name's last path part,
     * with " (2)", " (3)"… before the extension when taken. Claims it, and the name plus {@code companion} (a sidecar's
     * ".json", or "" for none), both free.
     */
    public String uniqueName(String folder, String wanted, String companion) {
        String base = safe(wanted);
        int dot = base.lastIndexOf('.');
        String stem = dot > 0 ? base.substring(0, dot) : base;
        String extension = dot > 0 ? base.substring(dot) : "";
        String name = folder + base;
        for (int n = 2; !claim(name, companion); n++) {
            name = folder + stem + " (" + n + ")" + extension;
        }
        return name;
    }

    private boolean claim(String name, String companion) {
        String key = name.toLowerCase(Locale.ROOT);
        String other = (name + companion).toLowerCase(Locale.ROOT);
        if (used.contains(key) || used.contains(other)) return false;
        used.add(key);
        used.add(other);
        return true;
    }

    /** Copies {@code in} (closed after) into the entry {@code name}, stored without compression. */
    public void addStored(String name, InputStream in) throws IOException {
        zip.setLevel(Deflater.NO_COMPRESSION);
        zip.putNextEntry(new ZipEntry(name));
        try (in) {
            int read;
            while ((read = in.read(buffer)) >= 0) zip.write(buffer, 0, read);
        }
        zip.closeEntry();
    }

    /** Opens the compressed entry {@code name} for the caller to write (it must not close the stream), then {@link #closeEntry}. */
    public OutputStream openCompressed(String name) throws IOException {
        zip.setLevel(Deflater.DEFAULT_COMPRESSION);
        zip.putNextEntry(new ZipEntry(name));
        return new FilterOutputStream(zip) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    public void closeEntry() throws IOException {
        zip.closeEntry();
    }

    public void addText(String name, String text) throws IOException {
        addBytes(name, text.getBytes(StandardCharsets.UTF_8));
    }

    public void addBytes(String name, byte[] bytes) throws IOException {
        openCompressed(name).write(bytes);
        closeEntry();
    }

    /** Bytes written to the underlying stream so far. */
    public long bytesWritten() {
        return counted.count;
    }

    /** Writes the central directory and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        zip.close();
    }

    /** The last path part of a file name, without control characters or separators; "photo" when nothing is left. */
    static String safe(String fileName) {
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        var clean = new StringBuilder(name.length());
        name.codePoints().filter(c -> c >= 0x20 && c != 0x7f && c != ':').forEach(clean::appendCodePoint);
        String result = clean.toString().strip();
        while (result.startsWith(".")) result = result.substring(1);
        if (result.length() > 200) result = result.substring(result.length() - 200);
        return result.isEmpty() ? "photo" : result;
    }

    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
