package dev.lightbox.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.ScoredPhotos;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stored scores are derived data: a deleted photo's row goes with it, and a library whose scores were lost
 * (the unlogged table is emptied by PostgreSQL after a crash) is re-scored at startup.
 */
class ScoreRecoveryTest extends IntegrationTest {

    @Autowired JdbcClient jdbc;
    @Autowired ApplicationEventPublisher events;
    @Autowired ConfigurableApplicationContext context;

    @Test
    void deletedPhotosLeaveNoScoreAndLostScoresAreRebuiltAtStartup() throws Exception {
        var api = api();
        String token = api.login(api.signUpNewUser(), USER_PASSWORD);
        UUID owner = UUID.fromString(api.get("/api/v1/auth/me", token).json().get("id").asString());
        var ids = ScoredPhotos.upload(api, token);
        awaitStoredScores(owner, 5);

        String fruits = ids.get("fruits.jpg");
        assertThat(api.deleteForever(fruits, token).status()).isEqualTo(204);
        assertThat(rows(owner, UUID.fromString(fruits))).isZero();
        awaitStoredScores(owner, 4);

        jdbc.sql("delete from photo_scores where owner_id = :owner").param("owner", owner).update(); // as after a crash
        assertThat(api.get("/api/v1/photos?sort=score", token).json().get("items").values()).isEmpty();
        events.publishEvent(new ApplicationReadyEvent(new org.springframework.boot.SpringApplication(), new String[0], context, java.time.Duration.ZERO));
        awaitStoredScores(owner, 4);
        assertThat(api.get("/api/v1/photos?sort=score", token).json().get("items").values()).hasSize(4);
    }

    private long rows(UUID owner, UUID photo) {
        return jdbc.sql("select count(*) from photo_scores where owner_id = :owner and photo_id = :photo").param("owner", owner).param("photo", photo)
                .query(Long.class).single();
    }

    private void awaitStoredScores(UUID owner, long expected) throws InterruptedException {
        ApiClient.await("stored scores reach " + expected, Duration.ofSeconds(30),
                () -> jdbc.sql("select count(*) from photo_scores where owner_id = :owner").param("owner", owner).query(Long.class).single(),
                count -> count == expected);
    }
}
