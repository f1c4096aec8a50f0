package dev.lightbox.skin.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestClock;
import dev.lightbox.support.TestImages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the bot and the Skin page call: previous, geometry, refusals, per-region trends. */
class SkinDiaryServiceTest extends IntegrationTest {

    @Autowired SkinDiaryService diary;
    @Autowired TestClock.MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void previousIsTheMeasuredCheckinTakenBeforeAndGeometryOutlinesEveryRegionInsideTheCrop() throws IOException {
        UUID owner = api().newUser().id();
        clock.advance(Duration.ofDays(-7));
        CheckinStarted older = checkIn(owner, TestImages.uniqueCopy(TestImages.read(TestImages.GRACE_HOPPER)));
        clock.reset();
        clock.advance(Duration.ofDays(-3));
        CheckinStarted faceless = checkIn(owner, TestImages.jpeg(320, 240, 7));
        clock.reset();
        CheckinStarted newer = checkIn(owner, TestImages.uniqueCopy(TestImages.read(TestImages.GRACE_HOPPER)));
        for (CheckinStarted started : new CheckinStarted[] {older, faceless, newer}) awaitFinished(owner, started);

        assertThat(diary.find(owner, faceless.photoId()).orElseThrow().status()).isEqualTo(CheckinStatus.NO_FACE);
        assertThat(diary.previous(owner, newer.photoId())).as("skips the check-in without a face").get()
                .extracting(Checkin::photoId).isEqualTo(older.photoId());
        assertThat(diary.previous(owner, older.photoId())).isEmpty();
        assertThat(diary.previous(UUID.randomUUID(), newer.photoId())).as("another user").isEmpty();

        SkinDiaryService.CropGeometry geometry = diary.geometry(owner, newer.photoId()).orElseThrow();
        assertThat(geometry.polygons()).containsOnlyKeys(SkinRegion.values());
        geometry.polygons().values().forEach(outline -> {
            assertThat(outline).hasSizeGreaterThanOrEqualTo(3);
            outline.forEach(p -> {
                assertThat(p[0]).isBetween(0.0, (double) geometry.width());
                assertThat(p[1]).isBetween(0.0, (double) geometry.height());
            });
        });
        assertThat(diary.geometry(owner, faceless.photoId())).isEmpty();
        assertThat(diary.crop(owner, faceless.photoId(), false)).isEmpty();
        byte[] crop = diary.crop(owner, newer.photoId(), false).orElseThrow();
        assertThat(TestImages.decode(crop).cols()).isEqualTo(geometry.width());

        SkinTrend cheek = diary.trend(owner, SkinMetric.REDNESS, SkinRegion.LEFT_CHEEK, null, null);
        assertThat(cheek.points()).extracting(SkinTrend.Point::photoId).containsExactly(older.photoId(), newer.photoId());
        assertThat(cheek.points().getLast().value())
                .isEqualTo(diary.find(owner, newer.photoId()).orElseThrow().regions().get(SkinRegion.LEFT_CHEEK).redness());
    }

    @Test
    void aSmallFaceIsRefusedWithAReason() throws IOException {
        UUID owner = api().newUser().id();
        CheckinStarted messi = checkIn(owner, TestImages.uniqueCopy(TestImages.read(TestImages.MESSI)));
        Checkin refused = awaitFinished(owner, messi);
        assertThat(refused.status()).isIn(CheckinStatus.FACE_TOO_SMALL, CheckinStatus.NO_FACE);
        assertThat(refused.reason()).isNotBlank();
        assertThat(refused.metrics()).isNull();
        assertThat(diary.add(UUID.randomUUID(), messi.photoId(), CheckinSource.PHOTO)).as("not that user's photo").isEmpty();
        assertThat(diary.remove(UUID.randomUUID(), messi.photoId())).isFalse();
        assertThat(diary.remove(owner, messi.photoId())).isTrue();
    }

    private CheckinStarted checkIn(UUID owner, byte[] bytes) throws IOException {
        return diary.upload(owner, "selfie.jpg", new ByteArrayInputStream(bytes), CheckinSource.WEB);
    }

    private Checkin awaitFinished(UUID owner, CheckinStarted started) {
        return ApiClient.await("check-in " + started.photoId() + " finishes", Duration.ofSeconds(60),
                () -> diary.find(owner, started.photoId()).orElseThrow(), c -> c.status().finished());
    }
}
