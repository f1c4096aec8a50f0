package dev.lightbox.data.export.service;

import dev.lightbox.data.export.service.ExportZipTest.CountingSink;
import dev.lightbox.data.export.service.ExportZipTest.SyntheticOriginal;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The export's write path without Spring: {@code files} synthetic originals of {@code size} bytes through
 * {@link ExportZip} into the 1 MB pipe {@link ExportJob} uses, read on the other side into one reused 8 MiB part (as
 * the store's multipart upload reads it) and dropped. Prints MB/s, the writer thread's allocated bytes, and the heap
 * after GC at 10% and at the end; baseline: the same bytes copied straight to the sink in the same run.
 * {@code ./mvnw -Pbench test -Dtest=ExportBench [-DexportBench.files=2000 -DexportBench.mb=4]}
 */
class ExportBench {

    @Test
    void exportWritePath() throws Exception {
        int files = Integer.getInteger("exportBench.files", 1000);
        long size = Long.getLong("exportBench.mb", 4) * 1024 * 1024;
        long data = files * size;
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        long t0 = System.nanoTime();
        var sink = new CountingSink();
        byte[] buffer = new byte[ExportZip.BUFFER];
        for (int i = 0; i < files; i++) {
            try (InputStream in = new SyntheticOriginal(size, i)) {
                int n;
                while ((n = in.read(buffer)) >= 0) sink.write(buffer, 0, n);
            }
        }
        double baselineSeconds = (System.nanoTime() - t0) / 1e9;

        var pipe = new PipedInputStream(ExportJob.PIPE);
        var out = new PipedOutputStream(pipe);
        var received = new AtomicLong();
        Thread reader = Thread.ofPlatform().start(() -> {
            byte[] part = new byte[8 * 1024 * 1024];
            try (pipe) {
                int n;
                while ((n = pipe.readNBytes(part, 0, part.length)) > 0) received.addAndGet(n);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        long heapStart = heapAfterGc(memory);
        long heapAtTenth = 0;
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long t1 = System.nanoTime();
        try (var zip = new ExportZip(out)) {
            for (int i = 0; i < files; i++) {
                String name = zip.uniqueName("photos/", "IMG_" + (i % 100) + ".jpg", ".json");
                zip.addStored(name, new SyntheticOriginal(size, i));
                zip.addText(name + ".json", "{\"photo\": {\"n\": " + i + "}}");
                if (i == files / 10) heapAtTenth = heapAfterGc(memory);
            }
        }
        reader.join();
        double exportSeconds = (System.nanoTime() - t1) / 1e9;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        long heapEnd = heapAfterGc(memory);

        System.out.printf(Locale.ROOT, "%nExportBench: %d files × %d MiB = %.2f GB%n", files, size >> 20, data / 1e9);
        System.out.printf(Locale.ROOT, "  export zip → pipe → part buffer: %.1f s, %.0f MB/s; zip %.2f GB%n", exportSeconds,
                data / 1e6 / exportSeconds, received.get() / 1e9);
        System.out.printf(Locale.ROOT, "  baseline straight copy:          %.1f s, %.0f MB/s; ratio %.2f×%n", baselineSeconds,
                data / 1e6 / baselineSeconds, exportSeconds / baselineSeconds);
        System.out.printf(Locale.ROOT, "  writer thread allocated %.1f MB for %.2f GB written (%.5f%%)%n", allocated / 1e6, data / 1e9,
                100.0 * allocated / data);
        System.out.printf(Locale.ROOT, "  heap after GC: start %.1f MB, at 10%% %.1f MB, end %.1f MB (growth 10%%→end %.1f MB)%n",
                heapStart / 1e6, heapAtTenth / 1e6, heapEnd / 1e6, (heapEnd - heapAtTenth) / 1e6);
    }

    private static long heapAfterGc(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
