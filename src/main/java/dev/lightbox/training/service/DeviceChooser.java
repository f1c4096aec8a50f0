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

    static Choice choose() {
        Engine engine = Engine.getEngine("PyTorch");
        int gpus = engine.getGpuCount();
        if (gpus > 0) {
            return new Choice(Device.gpu(), "CUDA GPU 0 of " + gpus + " (PyTorch " + engine.getVersion() + ")");
        }
        String why = "CPU: no CUDA device found (PyTorch " + engine.getVersion() + ", " + Runtime.getRuntime().availableProcessors() + " cores)";
        log.info("Training on {}", why);
        return new Choice(Device.cpu(), why);
    }

    static Engine engine() {
        return Engine.getEngine("PyTorch");
    }
}
