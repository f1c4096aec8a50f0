package dev.lightbox.base;

import java.io.File;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_dnn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads OpenCV's native libraries on a background thread while Spring builds the application. From the packaged jar,
 * JavaCPP looks each library up through all of its nested jars, which took seconds of the start on the main thread
 * (the face detector, face mesh and segmenter beans read their models at startup). Those beans now find the classes
 * initialised, or wait for this thread to finish them; a failure here is left for them to report.
 */
public final class NativePreload {

    /** JavaCPP's platform extension setting, read once, when OpenCV first loads. */
    static final String EXTENSION = "org.bytedeco.javacpp.platform.extension";
    private static final Logger log = LoggerFactory.getLogger(NativePreload.class);

    private NativePreload() {
    }

    /**
     * Our OpenCV is the CPU build, but its presets name "-gpu" as a possible platform extension. Unless the extension is
     * set, JavaCPP then looks every native library up under a "-gpu" folder first and tries some 24 CUDA libraries, each
     * a lookup through every jar that finds nothing; from the packaged jar that was about a third of the CPU time of a
     * start. JavaCPP reads the setting as a path-separated list: a lone separator is an empty list that still counts as
     * set, so neither happens. A value given on the command line is kept. (The GPU build's CUDA is PyTorch's and ONNX
     * Runtime's own, not JavaCPP's.)
     */
    public static void configure() {
        if (System.getProperty(EXTENSION) == null) System.setProperty(EXTENSION, File.pathSeparator);
    }

    public static void start() {
        Thread.ofPlatform().daemon().name("native-preload").start(NativePreload::load);
    }

    private static void load() {
        long started = System.nanoTime();
        try {
            Loader.load(opencv_dnn.class);
            log.debug("OpenCV native libraries loaded in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (Throwable notLoaded) { // the beans that need OpenCV report it with their own context
            log.debug("OpenCV native libraries not preloaded: {}", notLoaded.toString());
        }
    }
}
