package dev.lightbox.transform.service;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens ONNX Runtime sessions on the CUDA execution provider (device 0) when this build of ONNX Runtime has it
 * (the {@code gpu} Maven profile) and a device answers, else on the CPU. Which one is decided at the first
 * session and logged once; when a session cannot be created on CUDA after all (a driver or memory problem the
 * probe did not see), it is opened on the CPU and every later session too.
 */
final class OnnxSessions {

    /** Creates a session on CUDA or on the CPU: ONNX Runtime itself, or a test's stand-in (there is no GPU in CI). */
    interface Opener {
        OrtSession open(Path file, boolean cuda) throws OrtException;
    }

    private static final Logger log = LoggerFactory.getLogger(OnnxSessions.class);

    private final Opener opener;
    private final BooleanSupplier cudaProbe;
    private volatile @Nullable Boolean cuda;

    OnnxSessions() {
        this(OnnxSessions::create, OnnxSessions::probeCuda);
    }

    OnnxSessions(Opener opener, BooleanSupplier cudaProbe) {
        this.opener = opener;
        this.cudaProbe = cudaProbe;
    }

    /** Loaded at the first use, not at startup: ONNX Runtime's native library costs every start otherwise. */
    OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    OrtSession open(Path file) throws OrtException {
        if (!useCuda()) return opener.open(file, false);
        try {
            return opener.open(file, true);
        } catch (OrtException | RuntimeException e) {
            fallBackToCpu(e);
            return opener.open(file, false);
        }
    }

    /** Whether sessions are opened on CUDA now (false before the first session). */
    boolean onCuda() {
        return Boolean.TRUE.equals(cuda);
    }

    private synchronized void fallBackToCpu(Exception cause) {
        if (!Boolean.TRUE.equals(cuda)) return;
        cuda = false;
        log.warn("A session could not be created on the CUDA execution provider ({}): ONNX models run on the CPU from now on.",
                cause.getMessage());
    }

    private boolean useCuda() {
        Boolean decided = cuda;
        if (decided != null) return decided;
        synchronized (this) {
            Boolean raced = cuda;
            if (raced != null) return raced;
            boolean usable = cudaProbe.getAsBoolean();
            if (usable) log.info("ONNX models run on the CUDA execution provider, device 0.");
            cuda = usable;
            return usable;
        }
    }

    private static OrtSession create(Path file, boolean cuda) throws OrtException {
        try (var options = new OrtSession.SessionOptions()) {
            if (cuda) options.addCUDA(0);
            return OrtEnvironment.getEnvironment().createSession(file.toString(), options);
        }
    }

    /** Tries CUDA on throw-away options, so a CUDA build without a usable device falls back cleanly. */
    private static boolean probeCuda() {
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            log.info("ONNX models run on the CPU execution provider (this build has no CUDA provider).");
            return false;
        }
        try (var probe = new OrtSession.SessionOptions()) {
            probe.addCUDA(0);
            return true;
        } catch (OrtException | RuntimeException e) {
            log.warn("ONNX Runtime has the CUDA execution provider but it cannot start on device 0 ({}): ONNX models run on the CPU.",
                    e.getMessage());
            return false;
        }
    }
}
