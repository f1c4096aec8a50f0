package dev.lightbox.library.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.library.LibraryProperties;
import dev.lightbox.library.domain.ImageFormat;

import dev.lightbox.library.domain.PhotoMetadata;
import dev.lightbox.library.domain.PhotoRepository;
import dev.lightbox.storage.ObjectStore;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

class PhotoUploadServiceTest extends IntegrationTest {

    @Autowired PhotoRepository photos;
    @Autowired ObjectStore store;
    @Autowired TransactionTemplate transaction;
    @Autowired PhotoService photoService;
    @Autowired JdbcTemplate jdbc;
    @Autowired Clock clock;
    @Autowired dev.lightbox.jobs.JobService jobService;
    @Autowired org.springframework.context.ApplicationEventPublisher eventPublisher;
    @Autowired InFlightUploads inFlight;
    @Autowired UploadLeftovers leftovers;

    private UUID newOwner() {
        var api = api();
        String email = api.signUpNewUser();
        return UUID.fromString(api.get("/api/v1/auth/me", api.login(email, USER_PASSWORD)).json().get("id").asString());
    }

    @Test
    void aFileOverTheByteLimitIsRefusedMidStreamAndLeavesNothing() {
        var smallLimit = new PhotoUploadService(photos, store, new LibraryProperties(300_000L, 100_000_000L), transaction, jobService, eventPublisher, clock, inFlight, leftovers);
        UUID owner = newOwner();
        int objectsBefore = store.list("").size();
        byte[] header = TestImages.jpeg(64, 64, 1);
        InputStream endless = new SequenceInputStream(new ByteArrayInputStream(header), new InputStream() {
            private long served;
            @Override public int read() {
                return served++ < 50_000_000 ? 0x55 : -1;
            }
            @Override public int read(byte[] b, int off, int len) {
                if (served >= 50_000_000) return -1;
                java.util.Arrays.fill(b, off, off + len, (byte) 0x55);
                served += len;
                return len;
            }
        });
        assertThatThrownBy(() -> smallLimit.upload(owner, "huge.jpg", endless))
                .isInstanceOf(UploadRejectedException.class)
                .hasMessageContaining("larger than this server's limit of 0.3 MB");
        assertThat(photos.countByOwnerId(owner)).isZero();
        assertThat(store.list("").size()).isEqualTo(objectsBefore);
    }

    @Test
    void thousandsOfPhotosPageNewestFirstWithoutGapsOrRepeats() {
        UUID owner = newOwner();
        int total = 2_500;
        LocalDateTime start = LocalDateTime.of(2020, 1, 1, 12, 0);
        var rows = new ArrayList<Object[]>();
        for (int i = 0; i < total; i++) {
            // every 7th photo shares its time with the previous one: ties are broken by id
            LocalDateTime takenAt = start.plusMinutes(i - (i % 7 == 0 && i > 0 ? 1 : 0));
            rows.add(new Object[] {UUID.randomUUID(), owner, String.format("%064x", i), takenAt});
        }
        jdbc.batchUpdate("""
                insert into photos (id, owner_id, sha256, size_bytes, format, width, height, orientation, taken_at,
                                    taken_at_source, uploaded_at)
                values (?, ?, ?, 1000, 'JPEG', 400, 300, 1, ?, 'EXIF', now())""", rows);

        var seen = new HashSet<UUID>();
        List<LocalDateTime> order = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = photoService.timeline(owner, cursor, 300);
            page.items().forEach(p -> {
                assertThat(seen.add(p.id())).as("no repeats").isTrue();
                order.add(p.takenAt());
            });
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(total);
        assertThat(photoService.count(owner)).as("the trigger-kept count").isEqualTo(total);
        assertThat(pages).isEqualTo(9);
        for (int i = 1; i < order.size(); i++) assertThat(order.get(i)).isBeforeOrEqualTo(order.get(i - 1));

        // photos exist at exactly that minute: a jump starts strictly before it
        var jump = photoService.timelineBefore(owner, start.plusMinutes(1000), 5);
        assertThat(jump.items().getFirst().takenAt()).isEqualTo(start.plusMinutes(999));
        jdbc.update("delete from photos where owner_id = ?", owner);
        assertThat(photoService.count(owner)).isZero();
    }

    @Test
    void headerDimensionsOfEveryFormat() {
        var picture = TestImages.picture(321, 123, 2);
        for (var entry : java.util.Map.of(".jpg", ImageFormat.JPEG, ".png", ImageFormat.PNG, ".webp", ImageFormat.WEBP, ".tiff", ImageFormat.TIFF).entrySet()) {
            byte[] bytes = TestImages.encode(picture, entry.getKey());
            assertThat(ImageSniffer.detect(bytes, bytes.length)).isEqualTo(entry.getValue());
            assertThat(HeaderDimensions.read(entry.getValue(), bytes, bytes.length))
                    .as(entry.getKey()).contains(new HeaderDimensions.Size(321, 123));
        }
    }

    @Test
    void orientationsTurnRenditionsUpright() throws Exception {
        var picture = TestImages.picture(60, 40, 3);
        byte[] png = TestImages.encode(picture, ".png");
        for (int orientation = 1; orientation <= 8; orientation++) {
            var metadata = new PhotoMetadata(60, 40, orientation, null, null, null, null, null, null, null, null, null, null);
            byte[] thumb = Thumbnailer.thumbnail(new ByteArrayInputStream(png), png.length, ImageFormat.PNG, 60, 40, orientation);
            var decoded = TestImages.decode(thumb);
            assertThat(decoded.cols()).as("orientation " + orientation).isEqualTo(metadata.uprightWidth());
            assertThat(decoded.rows()).isEqualTo(metadata.uprightHeight());
        }
    }

}
