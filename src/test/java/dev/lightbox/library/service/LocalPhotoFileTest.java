package dev.lightbox.library.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.library.domain.ImageFormat;
import dev.lightbox.support.HostileFiles;
import dev.lightbox.support.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file on disk gets the upload's checks, before anything is allocated for its pixels. */
class LocalPhotoFileTest {

    @TempDir
    Path dir;

    @Test
    void aPhotoIsHashedDescribedAndGivesAnUprightWorkingCopy() throws Exception {
        byte[] jpeg = TestImages.withExif(TestImages.jpeg(400, 300, 1), 6, "2024:05:01 10:30:00", null, null); // rotated a quarter turn
        Path file = write("rotated.jpg", jpeg);

        LocalPhotoFile photo = LocalPhotoFile.check(file, LocalPhotoFile.Limits.DEFAULT);

        assertThat(photo.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jpeg)));
        assertThat(photo.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(photo.sizeBytes()).isEqualTo(jpeg.length);
        assertThat(photo.metadata().uprightWidth()).isEqualTo(300);
        assertThat(photo.metadata().takenAt()).hasToString("2024-05-01T10:30");
        try (Mat working = photo.workingCopy(2_000_000)) {
            assertThat(working.cols()).isEqualTo(300);
            assertThat(working.rows()).isEqualTo(400);
        }
    }

    @Test
    void refusalsSayWhyAsAnUploadWould() throws Exception {
        byte[] fruits = TestImages.read(TestImages.FRUITS);
        assertRefused(write("empty.jpg", new byte[0]), UploadRejectedException.Reason.EMPTY, "The file is empty.");
        assertRefused(write("text.jpg", "hello".getBytes()), UploadRejectedException.Reason.NOT_AN_IMAGE, "not an image");
        assertRefused(write("bomb.png", TestImages.pngBomb(20_000, 20_000)), UploadRejectedException.Reason.TOO_MANY_PIXELS,
                "20000 × 20000 pixels (400 MP), over the limit of 100 MP");
        assertRefused(write("cut.jpg", java.util.Arrays.copyOf(fruits, fruits.length / 2)), UploadRejectedException.Reason.CORRUPT, "truncated");
        assertRefused(write("damaged.jpg", HostileFiles.jpegWithDamagedScan(fruits)), UploadRejectedException.Reason.CORRUPT, "damaged");
        byte[] png = TestImages.encode(TestImages.picture(64, 64, 2), ".png");
        assertRefused(write("cut.png", java.util.Arrays.copyOf(png, png.length - 12)), UploadRejectedException.Reason.CORRUPT, "truncated");
        assertRefused(write("big.jpg", TestImages.jpeg(64, 64, 3)), new LocalPhotoFile.Limits(100, 100_000_000L),
                UploadRejectedException.Reason.TOO_MANY_BYTES, "larger than the limit");
    }

    private void assertRefused(Path file, UploadRejectedException.Reason reason, String message) {
        assertRefused(file, LocalPhotoFile.Limits.DEFAULT, reason, message);
    }

    private void assertRefused(Path file, LocalPhotoFile.Limits limits, UploadRejectedException.Reason reason, String message) {
        assertThatThrownBy(() -> LocalPhotoFile.check(file, limits)).as(file.getFileName().toString())
                .isInstanceOfSatisfying(UploadRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(message);
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }
}
