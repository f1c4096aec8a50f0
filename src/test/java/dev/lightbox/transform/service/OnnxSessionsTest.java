package dev.lightbox.transform.service;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.lightbox.transform.OnnxTestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CUDA → CPU fallback, with an opener whose CUDA fails as a broken driver would (there is no GPU here). */
class OnnxSessionsTest {

    @TempDir
    Path dir;

    @Test
    void aSessionThatCudaCannotCreateOpensOnTheCpuAndLaterOnesGoStraightThere() throws Exception {
        Path model = Files.write(dir.resolve("invert.onnx"), OnnxTestModels.invert(1, 3, 4, 4));
        var attempts = new ArrayList<String>();
        var sessions = new OnnxSessions((file, cuda) -> {
            attempts.add(cuda ? "cuda" : "cpu");
            if (cuda) throw new OrtException("CUDA failure 100: no CUDA-capable device is detected");
            return OrtEnvironment.getEnvironment().createSession(file.toString(), new OrtSession.SessionOptions());
        }, () -> true);

        try (OrtSession first = sessions.open(model); OrtSession second = sessions.open(model)) {
            assertThat(first.getInputNames()).containsExactly("x");
            assertThat(second.getInputNames()).containsExactly("x");
        }
        assertThat(attempts).isEqualTo(List.of("cuda", "cpu", "cpu"));
        assertThat(sessions.onCuda()).isFalse();
    }

    @Test
    void withoutCudaEverySessionOpensOnTheCpu() throws Exception {
        Path model = Files.write(dir.resolve("invert.onnx"), OnnxTestModels.invert(1, 3, 4, 4));
        var attempts = new ArrayList<String>();
        var sessions = new OnnxSessions((file, cuda) -> {
            attempts.add(cuda ? "cuda" : "cpu");
            return OrtEnvironment.getEnvironment().createSession(file.toString(), new OrtSession.SessionOptions());
        }, () -> false);

        try (OrtSession session = sessions.open(model)) {
            assertThat(session.getOutputNames()).containsExactly("y");
        }
        assertThat(attempts).isEqualTo(List.of("cpu"));
    }
}
