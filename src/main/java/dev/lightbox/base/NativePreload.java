package dev.lightbox.base;

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

    private static final Logger log = LoggerFactory.getLogger(NativePreload.class);

    private NativePreload() {
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
