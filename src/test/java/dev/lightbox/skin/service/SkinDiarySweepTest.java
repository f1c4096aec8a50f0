package dev.lightbox.skin.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.skin.domain.SkinRepository;
import dev.lightbox.storage.ObjectStore;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The skin sweep removes crop objects no analysis names (a crash between object and row) and never a named one. */
class SkinDiarySweepTest extends IntegrationTest {

    @Autowired SkinDiaryService diary;
    @Autowired SkinSweep sweep;
    @Autowired SkinRepository repository;
    @Autowired ObjectStore store;

    @Test
    void objectsNoAnalysisNamesAreRemovedOnceOlderThanTheGraceAndNamedOnesStay() throws Exception {
        UUID owner = api().newUser().id();
        CheckinStarted started = diary.upload(owner, "selfie.jpg", new ByteArrayInputStream(TestImages.uniqueCopy(TestImages.read(TestImages.GRACE_HOPPER))),
                CheckinSource.WEB);
        ApiClient.await("the check-in is measured", Duration.ofSeconds(60),
                () -> diary.find(owner, started.photoId()).orElseThrow().status(), status -> status == CheckinStatus.DONE);
        SkinRepository.CheckinRow row = repository.checkin(owner, started.photoId()).orElseThrow();
        String cropKey = row.analysis().cropKey();
        String annotatedKey = row.analysis().annotatedKey();

        String orphan = SkinResults.PREFIX + "f".repeat(64) + "/" + UUID.randomUUID() + "/crop.jpg";
        byte[] jpeg = TestImages.jpeg(64, 64, 1);
        store.put(orphan, new ByteArrayInputStream(jpeg), jpeg.length, "image/jpeg");

        sweep.sweep(Instant.now().minus(Duration.ofHours(1)));
        assertThat(store.stat(orphan)).as("younger than the grace: perhaps a run about to store its row").isPresent();

        assertThat(sweep.sweep(Instant.now().plus(Duration.ofMinutes(1)))).isGreaterThanOrEqualTo(1);
        assertThat(store.stat(orphan)).as("no analysis names it").isEmpty();
        assertThat(store.stat(cropKey)).as("named by the analysis").isPresent();
        assertThat(store.stat(annotatedKey)).as("named by the analysis").isPresent();
        assertThat(diary.crop(owner, started.photoId(), true)).isPresent();
    }

    @Test
    void theAnalysisOfAContentNoPhotoHoldsGoesWithItsCropsAndOneOfAPhotoOutOfTheDiaryStays() throws Exception {
        UUID owner = api().newUser().id();
        CheckinStarted started = diary.upload(owner, "selfie.jpg", new ByteArrayInputStream(TestImages.uniqueCopy(TestImages.read(TestImages.GRACE_HOPPER))),
                CheckinSource.WEB);
        ApiClient.await("the check-in is measured", Duration.ofSeconds(60),
                () -> diary.find(owner, started.photoId()).orElseThrow().status(), status -> status == CheckinStatus.DONE);
        SkinRepository.AnalysisRow kept = repository.checkin(owner, started.photoId()).orElseThrow().analysis();
        assertThat(diary.remove(owner, started.photoId())).isTrue(); // the photo stays in the library: its analysis is worth keeping

        String gone = "e".repeat(63) + Long.toHexString(System.nanoTime() % 16);
        String run = SkinResults.PREFIX + gone + "/" + UUID.randomUUID() + "/";
        byte[] jpeg = TestImages.jpeg(64, 64, 2);
        store.put(run + "crop.jpg", new ByteArrayInputStream(jpeg), jpeg.length, "image/jpeg");
        store.put(run + "annotated.jpg", new ByteArrayInputStream(jpeg), jpeg.length, "image/jpeg");
        repository.insertAnalysis(new SkinRepository.AnalysisRow(gone, SkinAnalyzer.VERSION, "done", null, null, null, null, null, 64, 64,
                run + "crop.jpg", run + "annotated.jpg"));

        sweep.sweep(Instant.now().minus(Duration.ofHours(1)));
        assertThat(repository.analysis(gone, SkinAnalyzer.VERSION)).as("no photo holds that content").isEmpty();
        assertThat(store.stat(run + "crop.jpg")).isEmpty();
        assertThat(store.stat(run + "annotated.jpg")).isEmpty();
        assertThat(repository.analysis(kept.sha256(), SkinAnalyzer.VERSION)).as("its photo is still in the library").isPresent();
        assertThat(store.stat(kept.cropKey())).isPresent();
    }
}
