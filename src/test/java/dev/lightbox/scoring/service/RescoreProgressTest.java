package dev.lightbox.scoring.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A large library's re-scoring says how far it is after every batch, not only at the start and the end. */
class RescoreProgressTest extends IntegrationTest {

    private static final int PHOTOS = 12_001;

    @Autowired ScoreStore store;
    @Autowired ScoreInputs inputs;
    @Autowired ScoringConfigService configs;
    @Autowired JdbcTemplate jdbc;

    @Test
    void progressIsReportedAfterEachBatch() {
        var api = api();
        UUID owner = UUID.fromString(api.get("/api/v1/auth/me", api.login(api.signUpNewUser(), USER_PASSWORD)).json().get("id").asString());
        jdbc.update("""
                insert into photos (id, owner_id, sha256, size_bytes, format, width, height, orientation, taken_at, taken_at_source, uploaded_at)
                select gen_random_uuid(), ?, 'progress' || lpad(to_hex(g), 56, '0'), 1000, 'JPEG',
                       400, 300, 1, timestamp '2020-01-01' + g * interval '1 minute', 'EXIF', now()
                from generate_series(1, ?) g""", owner, PHOTOS);
        jdbc.update("""
                insert into photo_attributes (sha256, analyzer_version, attributes, analyzed_at)
                select p.sha256, 2, jsonb_build_object('sharpness', extract(epoch from p.taken_at - timestamp '2020-01-01') / 60.0 / ?,
                       'brightness', 0.5, 'exposure', 'ok', 'faceCount', 0, 'faces', '[]'::jsonb), now()
                from photos p where p.owner_id = ? on conflict do nothing""", PHOTOS, owner);
        inputs.saveMissing(owner);

        List<int[]> heard = new ArrayList<>();
        int scored = store.rescoreLibrary(owner, configs.active(owner), (done, of) -> heard.add(new int[] {done, (int) of}));

        assertThat(scored).isEqualTo(PHOTOS);
        assertThat(heard).extracting(h -> h[0]).containsExactly(5_000, 10_000, PHOTOS);
        assertThat(heard).extracting(h -> h[1]).containsOnly(PHOTOS);
        assertThat(jdbc.queryForObject("select count(*) from photo_scores where owner_id = ?", Long.class, owner)).isEqualTo(PHOTOS);
        // sharpness rises with the photo's time, and so must the written score
        List<Double> byTime = jdbc.queryForList("""
                select s.score from photo_scores s join photos p on p.id = s.photo_id where p.owner_id = ? order by p.taken_at""",
                Double.class, owner);
        assertThat(byTime.getFirst()).isBetween(0.0, 100.0).isLessThan(byTime.getLast());
        assertThat(byTime.getLast()).isBetween(0.0, 100.0);
        assertThat(byTime).isSortedAccordingTo(Double::compare);
    }
}
