package dev.lightbox.transform.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.storage.ObjectStore;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The sweep of {@code results/}: an object no transform names goes once older than the grace; a completed result's stay. */
class TransformSweepTest extends IntegrationTest {

    @Autowired TransformSweep sweep;
    @Autowired ObjectStore store;

    @Test
    void objectsNoTransformNamesAreRemovedAndNamedOnesStay() {
        ApiClient api = api();
        ApiClient.User user = api.newUser();
        var uploaded = api.upload("shapes.jpg", TestImages.jpeg(320, 240, 81), user.token());
        var started = api.post("/api/v1/transforms", Map.of("photoId", uploaded.json().get("id").asString(), "style", "pencil"), user.token());
        String id = started.json().get("id").asString();
        ApiClient.await("the restyle completes", Duration.ofSeconds(60), () -> api.get("/api/v1/transforms/" + id, user.token()).json(),
                t -> !Set.of("queued", "analyzing", "generating", "validating").contains(t.get("status").asString()));
        assertThat(store.list("results/" + id + "/")).hasSize(2);
        String orphan = "results/" + UUID.randomUUID() + "/result.jpg";
        store.put(orphan, new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "image/jpeg");

        assertThat(sweep.sweep(Instant.now().minusSeconds(3600))).as("younger than the grace: kept").isZero();
        assertThat(store.stat(orphan)).isPresent();
        sweep.sweep(Instant.now().plusSeconds(60));
        assertThat(store.stat(orphan)).isEmpty();
        assertThat(store.list("results/" + id + "/")).as("named by a completed transform").hasSize(2);
    }
}
