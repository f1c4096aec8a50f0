package dev.lightbox.analysis.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.ScoredPhotos;
import dev.lightbox.support.TestImages;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A library analysed before perceptual hashes existed gains them at startup, from a small working copy,
 * without re-analysis: the analyzer version and the other attributes stay, and near-duplicates are grouped.
 */
class PerceptualHashBackfillTest extends IntegrationTest {

    @Autowired JdbcClient jdbc;
    @Autowired PerceptualHashBackfillJob backfill;

    @Test
    void olderAnalysesGainTheirHashAndTheLibraryIsGrouped() throws InterruptedException {
        ApiClient.User owner = api().newUser();
        byte[] fruits = TestImages.read(TestImages.FRUITS);
        String a = api().upload("a.jpg", TestImages.uniqueCopy(fruits), owner.token()).json().get("id").asString();
        String b = api().upload("b.jpg", TestImages.uniqueCopy(fruits), owner.token()).json().get("id").asString();
        ScoredPhotos.awaitScore(api(), owner.token(), a);
        ScoredPhotos.awaitScore(api(), owner.token(), b);
        String hashBefore = hash(a);
        assertThat(hashBefore).matches("[0-9a-f]{16}");
        ApiClient.await("grouped", Duration.ofSeconds(30), () -> api().get("/api/v1/groups?kind=similar", owner.token()).json(),
                page -> page.get("items").size() == 1);

        // as an analysis made before this change: no hash, and (after a regrouping) no groups
        jdbc.sql("""
                update photo_attributes set attributes = attributes - 'perceptualHash'
                where sha256 in (select sha256 from photos where owner_id = :owner)""").param("owner", owner.id()).update();
        jdbc.sql("delete from culling_groups where owner_id = :owner").param("owner", owner.id()).update();
        int versionBefore = version(a);
        assertThat(api().get("/api/v1/photos/" + a, owner.token()).json().get("analysis").get("attributes").has("perceptualHash")).isFalse();

        backfill.queueForOlderLibraries(); // what startup does

        ApiClient.await("hash back", Duration.ofSeconds(60), () -> api().get("/api/v1/photos/" + a, owner.token()).json(),
                photo -> photo.get("analysis").get("attributes").has("perceptualHash"));
        assertThat(PerceptualHash.distance(PerceptualHash.parse(hash(a)), PerceptualHash.parse(hashBefore)))
                .as("hash of the small working copy vs the analysis's").isLessThanOrEqualTo(2);
        assertThat(version(a)).isEqualTo(versionBefore);
        assertThat(api().get("/api/v1/photos/" + a, owner.token()).json().get("analysis").get("status").asString()).isEqualTo("done");
        ApiClient.await("regrouped", Duration.ofSeconds(30), () -> api().get("/api/v1/groups?kind=similar", owner.token()).json(),
                page -> page.get("items").size() == 1);
    }

    private String hash(String photoId) {
        return jdbc.sql("select a.attributes ->> 'perceptualHash' from photo_attributes a join photos p on p.sha256 = a.sha256 where p.id = :id")
                .param("id", java.util.UUID.fromString(photoId)).query(String.class).single();
    }

    private int version(String photoId) {
        return jdbc.sql("select a.analyzer_version from photo_attributes a join photos p on p.sha256 = a.sha256 where p.id = :id")
                .param("id", java.util.UUID.fromString(photoId)).query(Integer.class).single();
    }
}
