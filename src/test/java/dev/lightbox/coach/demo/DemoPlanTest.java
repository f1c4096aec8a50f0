package dev.lightbox.coach.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.TestImages;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The full demo library's plan (DemoLibraryTest seeds a smaller one) and the pictures it makes. */
class DemoPlanTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 2, 13, 0);
    private final DemoPlan plan = DemoPlan.of(NOW, DemoLibrary.Size.FULL.photos(), DemoLibrary.Size.FULL.checkins());

    @Test
    void about150PhotosOverTwelveMonthsFromThreeCameras() {
        assertThat(plan.photos()).hasSizeBetween(140, 160);
        assertThat(plan.photos()).allSatisfy(shot -> assertThat(shot.takenAt()).isBefore(NOW).isAfter(NOW.minusMonths(12)));
        assertThat(plan.photos().stream().map(shot -> YearMonth.from(shot.takenAt())).distinct().count()).isGreaterThanOrEqualTo(12);
        assertThat(plan.photos().stream().collect(Collectors.groupingBy(DemoPlan.Shot::camera, Collectors.counting())))
                .hasSize(3).allSatisfy((camera, count) -> assertThat(count).isGreaterThan(30));
        assertThat(plan.photos().stream().map(DemoPlan.Shot::variant).distinct().count()).as("variants").isGreaterThanOrEqualTo(8);
        Map<String, Long> labels = plan.photos().stream().map(DemoPlan.Shot::label).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(label -> label, Collectors.counting()));
        assertThat(labels.values().stream().filter(count -> count >= 10).count()).as("labels a model can learn").isGreaterThanOrEqualTo(2);
        assertThat(plan.photos().stream().filter(shot -> shot.label() == null).count()).as("some photos stay unlabelled").isPositive();
    }

    @Test
    void theFirstPhotosLetATrainingStartAndShowEverySource() {
        var first = DemoLibrary.firstPhotos(plan.photos(), 10);
        Map<String, Long> labels = first.stream().map(DemoPlan.Shot::label).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(label -> label, Collectors.counting()));
        assertThat(labels.values().stream().filter(count -> count >= 10)).as("labels a training can use: " + labels).hasSize(2);
        assertThat(first).extracting(DemoPlan.Shot::source).containsAll(java.util.EnumSet.allOf(DemoPlan.Source.class));
        assertThat(first).as("a fraction of the plan, so every page fills early").hasSizeLessThan(30);
        assertThat(first).isSortedAccordingTo(java.util.Comparator.comparingInt(DemoPlan.Shot::index));
    }

    @Test
    void weeklySkinCheckinsWithAFlareUpAndRecovery() {
        var skin = plan.skin();
        assertThat(skin).hasSizeGreaterThanOrEqualTo(40);
        for (int i = 1; i < skin.size(); i++) {
            assertThat(ChronoUnit.DAYS.between(skin.get(i - 1).takenAt().toLocalDate(), skin.get(i).takenAt().toLocalDate())).isBetween(7L, 9L);
        }
        assertThat(skin.getFirst().takenAt()).isAfter(NOW.minusMonths(12));
        assertThat(skin.getLast().takenAt()).isBefore(NOW);
        var flared = skin.stream().filter(shot -> shot.flare() > 0).toList();
        assertThat(flared).hasSizeBetween(3, 6);
        assertThat(ChronoUnit.DAYS.between(flared.getFirst().takenAt(), flared.getLast().takenAt())).as("about three weeks up and back").isBetween(21L, 40L);
        assertThat(flared.stream().mapToDouble(DemoPlan.SkinShot::flare).max().orElseThrow()).isEqualTo(1.0);
        assertThat(skin.getLast().flare()).as("recovered").isZero();
    }

    @Test
    void picturesAreBoundedJpegsThatDifferFromEachOther() {
        var sizes = new java.util.HashSet<Integer>();
        for (var shot : plan.photos().subList(0, 24)) {
            byte[] jpeg = DemoImages.photo(shot);
            var image = TestImages.decode(jpeg);
            assertThat(Math.max(image.cols(), image.rows())).isBetween(200, DemoImages.MAX_EDGE);
            sizes.add(jpeg.length);
        }
        assertThat(sizes).hasSize(24);
        var face = TestImages.decode(DemoImages.face(plan.skin().getFirst()));
        assertThat(face.cols()).isEqualTo(DemoImages.FACE_SIZE);
    }
}
