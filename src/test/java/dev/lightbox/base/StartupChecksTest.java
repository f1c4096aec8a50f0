package dev.lightbox.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.support.AppRunner;
import dev.lightbox.support.IntegrationTest;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.lightbox.storage.StorageProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.context.properties.bind.BindException;

/** A setting that cannot work stops the app at startup with one sentence saying what and where. */
class StartupChecksTest {

    @Test
    void unwritableDataDirectory() throws Exception {
        Path file = Files.createFile(IntegrationTest.newDataDir("unwritable").resolve("a-file"));
        assertThatThrownBy(() -> AppRunner.start(file.resolve("data")))
                .satisfies(e -> assertThat(startupReason(e)).contains("Data directory").contains("is not writable"));
    }

    @Test
    void unreachableDatabase() throws Exception {
        int closedPort = closedPort();
        assertThatThrownBy(() -> AppRunner.start(IntegrationTest.newDataDir("nodb"),
                "lightbox.db.url=jdbc:postgresql://127.0.0.1:" + closedPort + "/lightbox?password=secret",
                "lightbox.db.user=lightbox"))
                .satisfies(e -> assertThat(startupReason(e))
                        .startsWith("Cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:" + closedPort + "/lightbox:")
                        .doesNotContain("secret"));
    }

    @Test
    void unreachableObjectStore() throws Exception {
        int closedPort = closedPort();
        assertThatThrownBy(() -> AppRunner.start(IntegrationTest.newDataDir("nos3"),
                "lightbox.s3.endpoint=http://127.0.0.1:" + closedPort,
                "lightbox.s3.access-key=key", "lightbox.s3.secret-key=secret"))
                .satisfies(e -> assertThat(startupReason(e)).startsWith("Cannot reach S3 at http://127.0.0.1:" + closedPort));
    }

    @Test
    void invalidSetting() {
        assertThatThrownBy(() -> AppRunner.start(IntegrationTest.newDataDir("badsetting"), "lightbox.signup=sometimes"))
                .satisfies(e -> assertThat(findCause(e, BindException.class)).isNotNull()
                        .extracting(Throwable::getMessage).asString().contains("lightbox"));
    }

    /** The storage settings bound and validated as the app does it (no database, no server). */
    @Test
    void invalidBucketName() {
        var storage = new ApplicationContextRunner().withUserConfiguration(StorageSettings.class);
        storage.withPropertyValues("lightbox.s3.bucket=Not_A_Bucket").run(context -> {
            assertThat(context).hasFailed();
            assertThat(findCause(context.getStartupFailure(), BindException.class)).isNotNull()
                    .extracting(Throwable::getMessage).asString().contains("lightbox.s3");
        });
        storage.withPropertyValues("lightbox.s3.bucket=photos-2026").run(context -> assertThat(context).hasNotFailed());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StorageProperties.class)
    static class StorageSettings {
    }

    @Test
    void weakAdminPassword() {
        assertThatThrownBy(() -> AppRunner.start(IntegrationTest.newDataDir("weakadmin"),
                "lightbox.admin.email=admin@lightbox.test", "lightbox.admin.password=lightbox-admin"))
                .satisfies(e -> assertThat(startupReason(e))
                        .startsWith("LIGHTBOX_ADMIN_PASSWORD is refused: too easy to guess.")
                        .contains("your email address")
                        .doesNotContain("lightbox-admin"));
    }

    private static String startupReason(Throwable e) {
        LightboxStartupException cause = findCause(e, LightboxStartupException.class);
        assertThat(cause).as("a LightboxStartupException in " + e).isNotNull();
        return cause.getMessage();
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return type.cast(t);
        }
        return null;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
