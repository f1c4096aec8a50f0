package dev.lightbox.coach.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The coach LLM settings: off when the URL is unset or empty, and a half-set or malformed one is named at startup. */
class CoachLlmPropertiesTest {

    @Test
    void settingsAreCheckedAndEmptyMeansOff() {
        assertThat(new CoachLlmProperties(" ", null, null, null).url()).isNull();
        assertThat(new CoachLlmProperties(null, null, null, null).timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(new CoachLlmProperties(null, null, null, null).problem()).isNull();
        assertThat(new CoachLlmProperties("http://127.0.0.1:11434/v1", null, null, null).problem()).contains("LIGHTBOX_COACH_LLM_MODEL");
        assertThat(new CoachLlmProperties("ftp://host/v1", "m", null, null).problem()).startsWith("LIGHTBOX_COACH_LLM_URL must be");
        assertThat(new CoachLlmProperties("http://host/v1", "m", null, Duration.ofHours(1)).problem()).contains("LIGHTBOX_COACH_LLM_TIMEOUT");
        assertThat(new CoachLlmProperties("http://host/v1", "m", "secret", null).problem()).isNull();
    }

    @Test
    void neitherTheKeyNorACredentialInTheUrlIsPrinted() {
        assertThat(new CoachLlmProperties("http://host/v1", "m", "sk-secret", null).toString()).doesNotContain("sk-secret").contains("***");
        assertThat(new CoachLlmProperties("https://me:sk-token@host/v1", "m", null, null).problem())
                .contains("must not contain a user or password").doesNotContain("sk-token");
        assertThat(new CoachLlmProperties("ftp://host/sk-token", "m", null, null).problem()).doesNotContain("sk-token");
        assertThat(new CoachLlmProperties("http://host/v1 sk-token", "m", null, null).problem()).startsWith("LIGHTBOX_COACH_LLM_URL is not a URL")
                .doesNotContain("sk-token");
    }

    @Test
    void theModelPathExistsOnlyWithAUrl() {
        assertThat(CoachLlmConfigured.configured(new MockEnvironment())).isFalse();
        assertThat(CoachLlmConfigured.configured(new MockEnvironment().withProperty("lightbox.coach.llm.url", " "))).isFalse();
        assertThat(CoachLlmConfigured.configured(new MockEnvironment().withProperty("lightbox.coach.llm.url", "http://h/v1"))).isTrue();
    }
}
