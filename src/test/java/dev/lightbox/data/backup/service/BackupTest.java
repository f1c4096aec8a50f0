package dev.lightbox.data.backup.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.base.DataDirectory;
import dev.lightbox.data.backup.cli.BackupCommand;
import dev.lightbox.storage.ObjectStore;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestClock.MovableClock;
import dev.lightbox.support.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** Backups of the shared test database and bucket: checksums, refusals, and the daily job's rotation. */
class BackupTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired DataSource dataSource;
    @Autowired ObjectStore store;
    @Autowired BackupService backups;
    @Autowired DataDirectory dataDirectory;
    @Autowired MovableClock clock;

    private String uploadPhoto() throws Exception {
        var api = api();
        String token = api.newUser().token();
        byte[] bytes = TestImages.uniqueCopy(TestImages.read(TestImages.GRACE_HOPPER));
        assertThat(api.upload("backup.jpg", bytes, token).status()).isEqualTo(201);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private Manifest backUp(Path target) {
        return new BackupWriter(dataSource::getConnection, store, JSON, clock, "test").write(target, null);
    }

    @Test
    void aBackupHoldsEveryTableAndObjectWithChecksumsThatVerifyAndACorruptedFileIsRefusedBeforeAnythingIsWritten() throws Exception {
        String sha = uploadPhoto();
        Path target = newDataDir("backup").resolve("b");
        Manifest written = backUp(target);

        Manifest read = new BackupRestorer(JSON).verify(target);
        assertThat(read).isEqualTo(written);
        assertThat(read.tables()).extracting(Manifest.Table::name).contains("photos", "users", "jobs", "databasechangelog");
        assertThat(read.rows("photos")).isPositive();
        assertThat(read.changesets()).isNotEmpty();
        assertThat(read.objects()).extracting(Manifest.StoredObject::key).contains("originals/" + sha)
                .noneMatch(key -> key.startsWith("uploads/"));
        assertThat(read.objects()).filteredOn(o -> o.key().equals("originals/" + sha)).singleElement()
                .extracting(Manifest.StoredObject::sha256).isEqualTo(sha);
        Manifest.Table photos = read.tables().stream().filter(t -> t.name().equals("photos")).findFirst().orElseThrow();
        assertThat(Files.readAllLines(target.resolve(photos.file()))).hasSize((int) photos.rows());

        // one flipped byte in one original: refused, and the target data directory is not even created
        Path original = target.resolve("objects/originals/" + sha);
        byte[] bytes = Files.readAllBytes(original);
        bytes[bytes.length / 2] ^= 1;
        Files.write(original, bytes);
        assertThatThrownBy(() -> new BackupRestorer(JSON).verify(target)).isInstanceOf(BackupException.class)
                .hasMessageContaining("objects/originals/" + sha).hasMessageContaining("checksum");
        Path freshDataDir = newDataDir("restore-target").resolve("data");
        var err = new ByteArrayOutputStream();
        int code = new BackupCommand(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("LIGHTBOX_DATA_DIR", freshDataDir.toString())).run("restore", List.of(target.toString()));
        assertThat(code).isEqualTo(BackupCommand.REFUSED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("damaged").contains("originals/" + sha);
        assertThat(freshDataDir).doesNotExist();
    }

    @Test
    void restoreRefusesATargetThatHoldsAnything() throws Exception {
        Path target = newDataDir("backup").resolve("b");
        backUp(target);
        // the app's own (non-empty) database and bucket, as an external target
        assertThatThrownBy(() -> new BackupRestorer(JSON).requireEmptyTarget(dataSource::getConnection, store))
                .isInstanceOf(BackupException.class).hasMessageContaining("not empty")
                .matches(e -> ((BackupException) e).refused());
        // an embedded target: a data directory with anything in it
        Path used = newDataDir("used");
        Files.writeString(used.resolve("notes.txt"), "mine");
        var err = new ByteArrayOutputStream();
        int code = new BackupCommand(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("LIGHTBOX_DATA_DIR", used.toString())).run("restore", List.of(target.toString()));
        assertThat(code).isEqualTo(BackupCommand.REFUSED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not empty");
        try (var files = Files.list(used)) {
            assertThat(files).containsExactly(used.resolve("notes.txt"));
        }
    }

    @Test
    void theDailyBackupKeepsTheLastNAndLinksUnchangedOriginals() throws Exception {
        String sha = uploadPhoto();
        Path folder = dataDirectory.resolve("backups");
        try {
            for (int day = 0; day < 3; day++) {
                backups.backUp();
                clock.advance(Duration.ofDays(1));
            }
            List<Path> made = BackupService.backups(folder);
            assertThat(made).hasSize(3);
            assertThat(Files.isSameFile(made.get(1).resolve("objects/originals/" + sha), made.get(2).resolve("objects/originals/" + sha)))
                    .as("an unchanged original is a hard link to the previous backup's").isTrue();
            assertThat(BackupService.prune(folder, 2)).isEqualTo(1);
            assertThat(BackupService.backups(folder)).containsExactly(made.get(1), made.get(2));
            var listed = api().get("/api/v1/admin/backups", api().login(ADMIN_EMAIL, ADMIN_PASSWORD));
            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.json().get("items").values()).extracting(item -> item.get("name").asString())
                    .containsExactly(made.get(2).getFileName().toString(), made.get(1).getFileName().toString());
            var newest = listed.json().get("items").get(0);
            assertThat(newest.get("photoCount").asLong()).isPositive();
            assertThat(newest.get("sizeBytes").asLong()).isPositive();
            assertThat(newest.get("createdAt").asString()).isNotBlank();
        } finally {
            clock.reset();
            BackupService.prune(folder, 0);
        }
    }
}
