package dev.lightbox.library.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.library.domain.ImageFormat;
import dev.lightbox.library.service.UploadRejectedException.Reason;
import dev.lightbox.support.HostileFiles;
import dev.lightbox.support.TestImages;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** The parsers and decoders an upload passes through, fed what an attacker would send. */
class HostileFileParsingTest {

    @Test
    void aTiffGivingItsWidthTwiceIsRefusedNotReadAsASliver() {
        byte[] tiff = HostileFiles.tiffWithDuplicateWidth(2000, 1, 2000);
        assertThatThrownBy(() -> HeaderDimensions.read(ImageFormat.TIFF, tiff, tiff.length))
                .isInstanceOfSatisfying(UploadRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                .hasMessageContaining("contradicts itself").hasMessageContaining("tag 256 is given twice");
    }

    @Test
    void aTiffWithItsTagsOutOfOrderIsRefused() {
        byte[] tiff = HostileFiles.tiffWithDuplicateWidth(300, 300, 200);
        // turn the second ImageWidth entry into an ImageLength (257) and the real ImageLength into 256: out of order
        tiff[10 + 12] = 1;
        tiff[10 + 24] = 0;
        assertThatThrownBy(() -> HeaderDimensions.read(ImageFormat.TIFF, tiff, tiff.length))
                .isInstanceOf(UploadRejectedException.class).hasMessageContaining("out of order");
    }

    @Test
    void aWellFormedTiffStillReadsItsSize() {
        byte[] tiff = TestImages.encode(TestImages.picture(320, 200, 1), ".tiff");
        assertThat(HeaderDimensions.read(ImageFormat.TIFF, tiff, tiff.length)).contains(new HeaderDimensions.Size(320, 200));
    }

    @Test
    void everyDecodeChecksThePixelsItGotAgainstTheHeaderBeforeWorkingOnThem() throws Exception {
        byte[] png = TestImages.encode(TestImages.picture(2000, 1000, 2), ".png");
        // a row stored before the header reader was fixed: it believes the image is a 1 × 1000 sliver
        assertThatThrownBy(() -> Thumbnailer.workingCopy(new ByteArrayInputStream(png), png.length, ImageFormat.PNG, 1, 1000, 1, 2_000_000))
                .isInstanceOfSatisfying(UploadRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                .hasMessageContaining("contradicts its pixel data");
        assertThatThrownBy(() -> Thumbnailer.render(new ByteArrayInputStream(png), png.length, ImageFormat.PNG, 1, 1000, 1))
                .isInstanceOf(UploadRejectedException.class);
        try (Mat working = Thumbnailer.workingCopy(new ByteArrayInputStream(png), png.length, ImageFormat.PNG, 2000, 1000, 1, 500_000)) {
            assertThat((long) working.cols() * working.rows()).isLessThanOrEqualTo(500_000);
        }
    }

    @Test
    void aJpegWhoseScanIsDamagedOrCutShortIsRefusedButATrailerIsFine() throws Exception {
        byte[] jpeg = TestImages.jpeg(1200, 800, 4);
        for (byte[] bad : new byte[][] {HostileFiles.jpegWithDamagedScan(jpeg), HostileFiles.jpegCutShortWithEndMarker(jpeg)}) {
            assertThatThrownBy(() -> JpegScanCheck.verify(ByteBuffer.wrap(bad)))
                    .isInstanceOf(UploadRejectedException.class).hasMessageContaining("damaged");
            assertThatThrownBy(() -> Thumbnailer.verifyDecodable(new ByteArrayInputStream(bad), bad.length, ImageFormat.JPEG, 1200, 800))
                    .isInstanceOf(UploadRejectedException.class);
        }
        byte[] motionPhoto = HostileFiles.jpegWithTrailer(jpeg);
        assertThat(JpegScanCheck.verify(ByteBuffer.wrap(motionPhoto))).isTrue();
        CompletenessCheck.verify(ImageFormat.JPEG, motionPhoto, java.util.Arrays.copyOfRange(motionPhoto, motionPhoto.length - 64, motionPhoto.length),
                motionPhoto.length);
    }

    @Test
    void compressedTextIsNeverInflated() throws Exception {
        byte[] bomb = HostileFiles.pngWithTextBomb(2048); // 2 GB of text once inflated
        long heapBefore = usedHeap();
        var metadata = MetadataReader.read(new ByteArrayInputStream(bomb), ImageFormat.PNG, 64, 48);
        assertThat(metadata.storedWidth()).isEqualTo(64);
        assertThat(usedHeap() - heapBefore).as("heap grown by reading metadata").isLessThan(64L * 1024 * 1024);
    }

    @Test
    void exifOverTheBoundIsRefusedWith413AndSmallExifIsRead() throws Exception {
        byte[] huge = HostileFiles.pngWithExif(ExifBlock.MAX_BYTES + 1);
        assertThatThrownBy(() -> MetadataReader.read(new ByteArrayInputStream(huge), ImageFormat.PNG, 64, 48))
                .isInstanceOfSatisfying(UploadRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_BYTES));
        byte[] jpeg = TestImages.withExif(TestImages.jpeg(600, 400, 5), 6, "2024:07:14 18:30:05", 64.0481, -16.1792);
        var metadata = MetadataReader.read(new ByteArrayInputStream(jpeg), ImageFormat.JPEG, 600, 400);
        assertThat(metadata.orientation()).isEqualTo(6);
        assertThat(metadata.gpsLatitude()).isNotNull();
    }

    @Test
    void fileNamesLoseControlCharactersAndPaths() {
        assertThat(FileNames.clean("C:\\photos\\holi\u0000day\n.jpg")).isEqualTo("holiday.jpg");
        assertThat(FileNames.clean("\u0000")).isNull();
        assertThat(FileNames.clean("e\u0301te\u0301.jpg")).isEqualTo("\u00e9t\u00e9.jpg");
    }

    private static long usedHeap() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
