package dev.lightbox.library.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.library.TrashProperties;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a delete does under {@code LIGHTBOX_TRASH_DAYS}: PhotoService.delete trashes only when {@link TrashPolicy#trashes()}. */
class TrashPolicyTest {

    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void zeroDaysDeletesAtOnceAndAnythingAboveTrashes() {
        assertThat(new TrashPolicy(0).trashes()).isFalse();
        assertThat(new TrashPolicy(1).trashes()).isTrue();
        assertThat(new TrashPolicy(new TrashProperties(null).days()).trashes()).as("the default").isTrue();
        assertThat(new TrashProperties(null).days()).isEqualTo(30);
        assertThatThrownBy(() -> new TrashPolicy(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPhotoExpiresTheSettingsDaysAfterItWasTrashed() {
        var policy = new TrashPolicy(30);
        assertThat(policy.expiresAt(AT)).isEqualTo(Instant.parse("2026-03-31T12:00:00Z"));
        assertThat(policy.cutoff(Instant.parse("2026-03-31T12:00:01Z"))).isAfter(AT);
        assertThat(policy.cutoff(Instant.parse("2026-03-31T11:59:59Z"))).isBefore(AT);
        assertThat(new TrashPolicy(0).cutoff(AT)).as("with 0 everything in the trash is due").isEqualTo(AT);
    }
}
