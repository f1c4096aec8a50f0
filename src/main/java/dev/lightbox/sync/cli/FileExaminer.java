package dev.lightbox.sync.cli;

import dev.lightbox.analysis.service.ContentAnalyzer;
import dev.lightbox.library.service.LocalPhotoFile;
import dev.lightbox.library.service.UploadRejectedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * What one file is: from the cache when its path, size and modification time are unchanged (the file is
 * not even read), else checked like an upload, hashed, and analysed unless its content's analysis is cached.
 * Runs on the analyser threads; it only reads the cache, the caller writes it.
 */
final class FileExaminer {

    sealed interface Outcome {
        Path path();
    }

    /** An analysis (new or cached) to send; {@code fileKnown} when the file's (size, time) → hash entry needs no update. */
    record Ready(Path path, long size, long modifiedMillis, String sha256, String itemJson, boolean analysedNow, boolean fileKnown)
            implements Outcome {
    }

    record Refused(Path path, long size, long modifiedMillis, String reason, boolean fileKnown) implements Outcome {
    }

    record Failed(Path path, String reason) implements Outcome {
    }

    private final LocalCache cache;
    private final Supplier<ContentAnalyzer> analyzer;
    private final Clock clock;

    private final LocalPhotoFile.Limits limits;

    FileExaminer(LocalCache cache, Supplier<ContentAnalyzer> analyzer, Clock clock) {
        this(cache, analyzer, clock, LocalPhotoFile.Limits.DEFAULT);
    }

    FileExaminer(LocalCache cache, Supplier<ContentAnalyzer> analyzer, Clock clock, LocalPhotoFile.Limits limits) {
        this.cache = cache;
        this.analyzer = analyzer;
        this.clock = clock;
        this.limits = limits;
    }

    Outcome examine(Path path) {
        int version = ContentAnalyzer.version();
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            long size = attributes.size();
            long modified = attributes.lastModifiedTime().toMillis();
            Optional<LocalCache.KnownFile> known = cache.file(path).filter(k -> k.size() == size && k.modifiedMillis() == modified);
            if (known.isPresent()) {
                String sha256 = known.get().sha256();
                String refusal = known.get().refusal();
                if (refusal != null) return new Refused(path, size, modified, refusal, true);
                if (sha256 != null) {
                    Optional<String> item = cache.analysis(sha256, version);
                    if (item.isPresent()) return new Ready(path, size, modified, sha256, item.get(), false, true);
                }
            }
            LocalPhotoFile file;
            try {
                file = LocalPhotoFile.check(path, limits);
            } catch (UploadRejectedException e) {
                return new Refused(path, size, modified, String.valueOf(e.getMessage()), false);
            }
            Optional<String> cached = cache.analysis(file.sha256(), version);
            if (cached.isPresent()) return new Ready(path, size, modified, file.sha256(), cached.get(), false, false);
            return new Ready(path, size, modified, file.sha256(), analyse(file, version).toJson(), true, false);
        } catch (UploadRejectedException e) {
            return new Failed(path, String.valueOf(e.getMessage()));
        } catch (IOException | RuntimeException e) {
            return new Failed(path, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (LinkageError e) {
            // a native library that does not load for this file's decoder: the file fails, the run still ends with its summary
            return new Failed(path, "an image library did not load on this machine (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private SyncItemJson analyse(LocalPhotoFile file, int version) throws IOException {
        // every native object made on the way (decode buffers, OpenCV temporaries) is freed here, as in the server's job
        try (PointerScope scope = new PointerScope(); Mat working = file.workingCopy(ContentAnalyzer.WORKING_PIXELS)) {
            Map<String, Object> attributes = analyzer.get().analyse(working, file.uprightWidth(), ContentAnalyzer.Steps.NONE);
            return SyncItemJson.of(file, version, attributes, clock.instant());
        }
    }
}
