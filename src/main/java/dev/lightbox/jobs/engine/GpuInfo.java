package dev.lightbox.jobs.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** This machine's GPU as {@code nvidia-smi} names it, for the worker registry; none when the tool is absent or fails. */
record GpuInfo(@Nullable String name, @Nullable Long memoryBytes) {

    static final GpuInfo NONE = new GpuInfo(null, null);

    static GpuInfo detect() {
        try {
            Process process = new ProcessBuilder("nvidia-smi", "--query-gpu=name,memory.total", "--format=csv,noheader,nounits")
                    .redirectErrorStream(true).start();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return NONE;
            }
            if (process.exitValue() != 0) return NONE;
            return parse(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return NONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NONE;
        }
    }

    /** Lines of "name, MiB"; several GPUs read as the first one's name and memory with "× n". */
    static GpuInfo parse(String output) {
        List<String> lines = output.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (lines.isEmpty()) return NONE;
        String first = lines.getFirst();
        int comma = first.lastIndexOf(',');
        String name = (comma < 0 ? first : first.substring(0, comma)).strip();
        Long memory = null;
        if (comma >= 0) {
            try {
                memory = Long.parseLong(first.substring(comma + 1).strip()) * 1024 * 1024;
            } catch (NumberFormatException e) {
                memory = null;
            }
        }
        if (name.isEmpty()) return NONE;
        return new GpuInfo(lines.size() > 1 ? name + " × " + lines.size() : name, memory);
    }
}
