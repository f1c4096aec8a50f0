package dev.lightbox.training.service;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CUDA when PyTorch sees a GPU (the {@code gpu} Maven profile ships the CUDA build), otherwise the CPU,
 * saying why. DJL runs offline: the natives come from the jar, nothing is downloaded.
 */
final class DeviceChooser {

    private static final Logger log = LoggerFactory.getLogger(DeviceChooser.class);

    static {
        System.setProperty("ai.djl.offline", "true");
    }

    private DeviceChooser() {
    }

    record Choice(Device device, String description) {
    }

    /** The device of gpu worker slot {@code slot}: each slot its own GPU (slot mod count), the CPU without CUDA. */
    static Choice choose(int slot) {
        Engine engine = Engine.getEngine("PyTorch");
        int gpus = engine.getGpuCount();
        if (gpus > 0) {
            int gpu = gpuFor(slot, gpus);
            return new Choice(Device.gpu(gpu), "CUDA GPU " + gpu + " of " + gpus + " (worker slot " + slot + ", PyTorch " + engine.getVersion() + ")");
        }
        String why = "CPU: no CUDA device found (PyTorch " + engine.getVersion() + ", " + Runtime.getRuntime().availableProcessors() + " cores)";
        log.info("Training on {}", why);
        return new Choice(Device.cpu(), why);
    }

    /** Which GPU a slot uses, or -1 for the CPU when there is none. */
    static int gpuFor(int slot, int gpus) {
        return gpus > 0 ? Math.floorMod(slot, gpus) : -1;
    }

    static Engine engine() {
        return Engine.getEngine("PyTorch");
    }
}
