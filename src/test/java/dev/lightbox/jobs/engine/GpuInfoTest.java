package dev.lightbox.jobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GpuInfoTest {

    @Test
    void readsNameAndMemoryOfNvidiaSmi() {
        assertThat(GpuInfo.parse("NVIDIA GeForce RTX 3090, 24576\n")).isEqualTo(new GpuInfo("NVIDIA GeForce RTX 3090", 24576L * 1024 * 1024));
        assertThat(GpuInfo.parse("Tesla T4, 15360\nTesla T4, 15360\n")).isEqualTo(new GpuInfo("Tesla T4 × 2", 15360L * 1024 * 1024));
    }

    @Test
    void oddOrNoOutputIsNoGpuOrNoMemory() {
        assertThat(GpuInfo.parse("")).isEqualTo(GpuInfo.NONE);
        assertThat(GpuInfo.parse("Some GPU, [N/A]")).isEqualTo(new GpuInfo("Some GPU", null));
    }

    @Test
    void aMachineWithoutTheToolHasNoGpuAndDoesNotFail() {
        if (new java.io.File("/usr/bin/nvidia-smi").exists()) return;
        assertThat(GpuInfo.detect()).isEqualTo(GpuInfo.NONE);
    }
}
