package dev.lightbox.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.bytedeco.javacpp.ClassProperties;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_dnn;
import org.junit.jupiter.api.Test;

/** OpenCV's native libraries are looked up without the "-gpu" folders and CUDA libraries our CPU build never has. */
class NativePreloadTest {

    @Test
    void openCvIsLookedUpWithoutGpuExtensionOrCudaLibraries() {
        NativePreload.configure();
        ClassProperties configured = Loader.loadProperties(opencv_dnn.class, Loader.loadProperties(Loader.getPlatform(), null), true);
        assertThat(configured.get("platform.extension")).isEmpty();
        assertThat(configured.get("platform.preload")).noneMatch(NativePreloadTest::cuda);
        assertThat(configured.get("platform.link")).anyMatch(lib -> lib.startsWith("opencv_core"));

        // what JavaCPP does without the setting: if it ever reads the setting differently, this says so
        Properties unset = Loader.loadProperties(Loader.getPlatform(), null);
        unset.remove("platform.extension");
        ClassProperties defaults = Loader.loadProperties(opencv_dnn.class, unset, true);
        assertThat(defaults.get("platform.extension")).contains("-gpu");
        assertThat(defaults.get("platform.preload")).anyMatch(NativePreloadTest::cuda);
    }

    private static boolean cuda(String library) {
        return library.startsWith("cud") || library.startsWith("npp") || library.startsWith("cublas") || library.startsWith("cufft");
    }
}
