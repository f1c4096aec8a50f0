package dev.lightbox.skin.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What of a job's error may reach users: one plain sentence, never an object key, class name or stack text. */
class SkinFailuresTest {

    @Test
    void aPlainMessageIsKeptWithoutItsExceptionClass() {
        assertThat(SkinFailures.plainCause("java.lang.IllegalStateException: The photo's face detection result is missing."))
                .isEqualTo("The photo's face detection result is missing.");
        assertThat(SkinFailures.plainCause("IllegalArgumentException: Unsupported image format")).isEqualTo("Unsupported image format.");
    }

    @Test
    void internalsAreDropped() {
        assertThat(SkinFailures.plainCause("java.io.UncheckedIOException: Could not read originals/0123abcd")).isNull();
        assertThat(SkinFailures.plainCause("NoSuchKeyException: The specified key does not exist. (Service: S3, Status Code: 404)")).isNull();
        assertThat(SkinFailures.plainCause("Failed: caused by java.io.IOException")).isNull();
        assertThat(SkinFailures.plainCause("Boom\n\tat dev.lightbox.Foo.bar(Foo.java:1)")).isEqualTo("Boom.");
        assertThat(SkinFailures.plainCause("   ")).isNull();
        assertThat(SkinFailures.plainCause(null)).isNull();
    }
}
