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
    void secretQueryParametersAreMasked() {
        assertThat(SettingsService.maskUrlPasswords("jdbc:postgresql://db/lightbox?user=x&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/lightbox?user=x&password=••••••&ssl=true");
        assertThat(SettingsService.maskUrlPasswords("https://vision.example.com/v1?api_key=abc123"))
                .isEqualTo("https://vision.example.com/v1?api_key=••••••");
        assertThat(SettingsService.maskUrlPasswords("https://x.example.com/?AccessToken=t0k&mode=a&client_secret=s3"))
                .isEqualTo("https://x.example.com/?AccessToken=••••••&mode=a&client_secret=••••••");
        assertThat(SettingsService.maskUrlPasswords("jdbc:sqlserver://db;user=x;password=hunter2;encrypt=true"))
                .isEqualTo("jdbc:sqlserver://db;user=x;password=••••••;encrypt=true");
        assertThat(SettingsService.maskUrlPasswords("https://x.example.com/search?q=monkey&page=2")).isEqualTo("https://x.example.com/search?q=monkey&page=2");
    }

    @Test
    void aTelegramBotTokenInAPathIsMasked() {
        assertThat(SettingsService.maskUrlPasswords("https://api.telegram.org/bot123456789:AAH-x_yZ0abc/sendMessage"))
                .isEqualTo("https://api.telegram.org/bot••••••/sendMessage");
        assertThat(SettingsService.maskUrlPasswords("https://example.com/bots/list")).isEqualTo("https://example.com/bots/list");
    }

    @Test
    void environmentNames() {
        assertThat(SettingsService.environmentName("lightbox.jobs.cpu-threads")).isEqualTo("LIGHTBOX_JOBS_CPU_THREADS");
    }
}
