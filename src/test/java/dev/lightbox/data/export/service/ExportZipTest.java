package dev.lightbox.data.export.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** The export's zip writer: unique safe names, entries that read back, and memory that does not grow with the data. */
class ExportZipTest {

    @Test
    void namesAreDeDuplicatedAndSafe() throws IOException {
        var sink = new ByteArrayOutputStream();
        var names = new ArrayList<String>();
        try (var zip = new ExportZip(sink)) {
            for (String wanted : List.of("IMG_1.jpg", "IMG_1.jpg", "img_1.JPG", "../../etc/passwd", "C:\\Users\\me\\IMG_1.jpg", "", ".hidden",
                    "IMG_1 (2).jpg", "noext", "noext")) {
                String name = zip.uniqueName("photos/", wanted, ".json");
                names.add(name);
                zip.addStored(name, new ByteArrayInputStream(name.getBytes()));
                zip.addText(name + ".json", "{}");
            }
        }
        assertThat(names).containsExactly("photos/IMG_1.jpg", "photos/IMG_1 (2).jpg", "photos/img_1 (3).JPG", "photos/passwd",
                "photos/IMG_1 (4).jpg", "photos/photo", "photos/hidden", "photos/IMG_1 (2) (2).jpg", "photos/noext", "photos/noext (2)");
        var read = new ArrayList<String>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(sink.toByteArray()))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                read.add(entry.getName());
                if (!entry.getName().endsWith(".json")) assertThat(new String(in.readAllBytes())).isEqualTo(entry.getName());
            }
        }
        assertThat(read).hasSize(20).doesNotHaveDuplicates();
    }

    /**
     * 200 originals of 4 MiB (800 MB) streamed through the writer to a counting sink: the writer's thread allocates
     * a few MB in all (names, entries, its one copy buffer), nowhere near the data's size, and what stays on the heap
     * after a GC does not grow from the 50th file to the last (within GC noise, far below the data).
     */
    @Test
    void memoryDoesNotGrowWithTheLibrary() throws IOException {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var memory = ManagementFactory.getMemoryMXBean();
        int files = 200;
        int size = 4 * 1024 * 1024;
        var sink = new CountingSink();
        long retainedAfterFirst = 0;
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        try (var zip = new ExportZip(sink)) {
            for (int i = 0; i < files; i++) {
                String name = zip.uniqueName("photos/", "IMG_" + (i % 50) + ".jpg", ".json");
                zip.addStored(name, new SyntheticOriginal(size, i));
                zip.addText(name + ".json", "{\"photo\": {\"n\": " + i + "}}");
                if (i == 49) retainedAfterFirst = retainedAfterGc(memory);
            }
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        long retainedAtEnd = retainedAfterGc(memory);
        long data = (long) files * size;
        assertThat(sink.count).isGreaterThan(data);
        assertThat(allocated).as("bytes allocated writing %d bytes", data).isLessThan(16L * 1024 * 1024);
        assertThat(retainedAtEnd - retainedAfterFirst).as("heap growth over 150 more files (600 MB)").isLessThan(64L * 1024 * 1024);
    }

    private static long retainedAfterGc(java.lang.management.MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Incompressible-looking bytes made on the fly, without allocating per read. */
    static final class SyntheticOriginal extends InputStream {
        private final long size;
        private long position;
        private long state;

        SyntheticOriginal(long size, long seed) {
            this.size = size;
            this.state = seed * 0x9E3779B97F4A7C15L + 1;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) return -1;
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                b[off + i] = (byte) state;
            }
            position += n;
            return n;
        }
    }

    /** Counts and drops what it is given. */
    static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
