package dev.lightbox.training.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class DeviceChooserTest {

    @Test
    void eachGpuSlotTrainsOnItsOwnGpu() {
        assertThat(DeviceChooser.gpuFor(0, 2)).isZero();
        assertThat(DeviceChooser.gpuFor(1, 2)).isEqualTo(1);
        assertThat(DeviceChooser.gpuFor(2, 2)).as("more slots than GPUs: they share round robin").isZero();
        assertThat(DeviceChooser.gpuFor(3, 4)).isEqualTo(3);
        assertThat(DeviceChooser.gpuFor(0, 1)).isZero();
        assertThat(DeviceChooser.gpuFor(5, 0)).as("no GPU: the CPU").isEqualTo(-1);
    }

    @Test
    void withoutCudaEverySlotTrainsOnTheCpu() {
        assumeTrue(DeviceChooser.engine().getGpuCount() == 0, "this machine has CUDA");
        for (int slot = 0; slot < 3; slot++) {
            DeviceChooser.Choice choice = DeviceChooser.choose(slot);
            assertThat(choice.device()).isEqualTo(Device.cpu());
            assertThat(choice.description()).startsWith("CPU");
        }
    }

    @Test
    void withCudaSlotsSpreadOverTheGpus() {
        int gpus = DeviceChooser.engine().getGpuCount();
        assumeTrue(gpus > 0, "no CUDA device here");
        for (int slot = 0; slot < gpus; slot++) assertThat(DeviceChooser.choose(slot).device()).isEqualTo(Device.gpu(slot));
    }
}
