package dev.lightbox.bench;

import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.lightbox.support.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * 12 MP JPEGs (4000×3000) made once from Debian's real photos: upscaled, with sensor-like noise so the
 * files carry the detail of camera JPEGs rather than of smooth upscales. Kept in target/bench.
 */
public final class BenchPhotos {

    public static final Path DIRECTORY = Path.of("target", "bench", "12mp-noisy");
    private static final List<Path> SOURCES = List.of(TestImages.GRACE_HOPPER, TestImages.MESSI, TestImages.ICE_BLOCK, TestImages.FRUITS,
            Path.of("/usr/share/doc/opencv-doc/examples/data/baboon.jpg"), Path.of("/usr/share/doc/opencv-doc/examples/data/building.jpg"),
            Path.of("/usr/share/doc/opencv-doc/examples/data/home.jpg"), Path.of("/usr/share/doc/opencv-doc/examples/data/butterfly.jpg"));

    private BenchPhotos() {
    }

    public static List<Path> twelveMegapixel() throws IOException {
        Files.createDirectories(DIRECTORY);
        List<Path> files = new ArrayList<>();
        for (Path source : SOURCES) {
            Path target = DIRECTORY.resolve(source.getFileName().toString());
            if (!Files.exists(target)) {
                Mat small = TestImages.decode(Files.readAllBytes(source));
                Mat large = new Mat();
                resize(small, large, new Size(4000, 3000), 0, 0, INTER_CUBIC);
                Mat noise = new Mat(large.size(), large.type());
                byte[] levels = new byte[(int) (noise.total() * noise.channels())];
                var random = new java.util.Random(source.hashCode());
                for (int i = 0; i < levels.length; i++) levels[i] = (byte) random.nextInt(17);
                noise.data().put(levels);
                add(large, noise, large);
                large.convertTo(large, -1, 1.0, -8.0); // back to the original mean
                Files.write(target, TestImages.encode(large, ".jpg"));
            }
            files.add(target);
        }
        return files;
    }
}
