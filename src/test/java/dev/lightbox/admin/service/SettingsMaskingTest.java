package dev.lightbox.admin.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which names count as secrets, and passwords inside URLs (pure, no Spring). */
class SettingsMaskingTest {

    @Test
    void secretsAreRecognisedByName() {
        for (String name : new String[] {"lightbox.admin.password", "lightbox.s3.secret-key", "lightbox.telegram.bot-token",
                "lightbox.stripe.webhook-secret", "lightbox.vision.api-key", "lightbox.db.password"}) {
            assertThat(SettingsService.isSecret(name)).as(name).isTrue();
        }
        for (String name : new String[] {"lightbox.jobs.lease", "lightbox.upload.max-bytes", "lightbox.s3.bucket", "lightbox.telegram.mode"}) {
            assertThat(SettingsService.isSecret(name)).as(name).isFalse();
        }
    }

    @Test
    void aPasswordInAUrlIsMasked() {
        assertThat(SettingsService.maskUrlPasswords("jdbc:postgresql://lightbox:hunter2@db:5432/lightbox"))
                .isEqualTo("jdbc:postgresql://••••••@db:5432/lightbox");
        assertThat(SettingsService.maskUrlPasswords("https://api.example.com/v1")).isEqualTo("https://api.example.com/v1");
    }

    @Test
    void environmentNames() {
        assertThat(SettingsService.environmentName("lightbox.jobs.cpu-threads")).isEqualTo("LIGHTBOX_JOBS_CPU_THREADS");
    }
}
