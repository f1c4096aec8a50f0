package dev.lightbox.transform.service;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens ONNX Runtime sessions on the CUDA execution provider (device 0) when this build of ONNX Runtime has it
 * (the {@code gpu} Maven profile) and a device answers, else on the CPU. Which one is decided at the first
 * session and logged once.
 */
final class OnnxSessions {

    private static final Logger log = LoggerFactory.getLogger(OnnxSessions.class);

    private volatile @Nullable Boolean cuda;

    /** Loaded at the first use, not at startup: ONNX Runtime's native library costs every start otherwise. */
    OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    OrtSession open(Path file) throws OrtException {
        try (var options = new OrtSession.SessionOptions()) {
            if (useCuda()) options.addCUDA(0);
            return environment().createSession(file.toString(), options);
        }
    }

    /** The first call tries CUDA on throw-away options, so a CUDA build without a usable device falls back cleanly. */
    private boolean useCuda() {
        Boolean decided = cuda;
        if (decided != null) return decided;
        synchronized (this) {
            Boolean raced = cuda;
            if (raced != null) return raced;
            boolean available = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
            boolean usable = false;
            if (available) {
                try (var probe = new OrtSession.SessionOptions()) {
                    probe.addCUDA(0);
                    usable = true;
                } catch (OrtException | RuntimeException e) {
                    log.warn("ONNX Runtime has the CUDA execution provider but it cannot start on device 0 ({}): ONNX models run on the CPU.",
                            e.getMessage());
                }
            }
            if (usable) log.info("ONNX models run on the CUDA execution provider, device 0.");
            else if (!available) log.info("ONNX models run on the CPU execution provider (this build has no CUDA provider).");
            cuda = usable;
            return usable;
        }
    }
}
