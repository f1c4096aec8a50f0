package dev.lightbox.culling.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The suggested keeper: best score, then sharpness, then faces, then the personal score. */
class KeeperOrderTest {

    @Test
    void tiesAreBrokenBySharpnessThenFacesThenPersonalScore() {
        var best = standing(80, 0.1, 0, 1);
        var sharper = standing(70, 0.9, 0, 1);
        var withFaces = standing(70, 0.5, 2, 1);
        var likedMore = standing(70, 0.5, 1, 5);
        var plain = standing(70, 0.5, 1, 2);
        List<UUID> order = Stream.of(plain, likedMore, withFaces, sharper, best).sorted(Keeper.Standing.BEST_FIRST)
                .map(Keeper.Standing::photoId).toList();
        assertThat(order).containsExactly(best.photoId(), sharper.photoId(), withFaces.photoId(), likedMore.photoId(), plain.photoId());
    }

    private static Keeper.Standing standing(double score, double sharpness, double faces, double personal) {
        return new Keeper.Standing(UUID.randomUUID(), score, sharpness, faces, personal);
    }
}
