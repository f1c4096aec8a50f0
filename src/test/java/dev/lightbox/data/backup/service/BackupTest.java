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
import java.time.Instant;
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
    @Autowired dev.lightbox.jobs.JobService jobs;

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

    /** One backup of the shared database and bucket (after one upload) for the whole class: each is a full copy. */
    private static @org.jspecify.annotations.Nullable Path shared;
    private static @org.jspecify.annotations.Nullable Manifest sharedManifest;
    private static String sharedSha = "";

    private synchronized Path sharedBackup() throws Exception {
        if (shared == null) {
            sharedSha = uploadPhoto();
            Path target = newDataDir("backup").resolve("b");
            sharedManifest = backUp(target);
            shared = target;
        }
        return shared;
    }

    @Test
    void aBackupHoldsEveryTableAndObjectWithChecksumsThatVerifyAndACorruptedFileIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path target = sharedBackup();
        String sha = sharedSha;
        Manifest written = sharedManifest;

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
        try {
            assertThatThrownBy(() -> new BackupRestorer(JSON).verify(target)).isInstanceOf(BackupException.class)
                    .hasMessageContaining("objects/originals/" + sha).hasMessageContaining("checksum");
            Path freshDataDir = newDataDir("restore-target").resolve("data");
            var err = new ByteArrayOutputStream();
            int code = new BackupCommand(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
                    Map.of("LIGHTBOX_DATA_DIR", freshDataDir.toString())).run("restore", List.of(target.toString()));
            assertThat(code).isEqualTo(BackupCommand.REFUSED);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("damaged").contains("originals/" + sha);
            assertThat(freshDataDir).doesNotExist();
        } finally {
            bytes[bytes.length / 2] ^= 1;
            Files.write(original, bytes); // the shared backup, whole again for the other tests
        }
    }

    @Test
    void backupRefusesADataDirectoryWithoutTheEmbeddedDatabaseAndLeavesItUntouched() throws Exception {
        Path notTheApps = newDataDir("not-a-data-dir");
        Path target = newDataDir("backup").resolve("b");
        var err = new ByteArrayOutputStream();
        int code = new BackupCommand(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("LIGHTBOX_DATA_DIR", notTheApps.toString())).run("backup", List.of(target.toString()));
        assertThat(code).isEqualTo(BackupCommand.REFUSED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("No embedded database");
        try (var files = Files.list(notTheApps)) {
            assertThat(files).as("no server was started there").isEmpty();
        }
        assertThat(target).doesNotExist();
    }

    @Test
    void aFailedBackupRemovesItsPartialFolderAndAnExistingPartialIsNotWrittenInto() throws Exception {
        Path partial = newDataDir("backups").resolve(".partial-x");
        assertThatThrownBy(() -> BackupService.writePartial(partial, target -> {
            try {
                Files.writeString(target.resolve("half.copy"), "rows");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw BackupException.failed("disk full", null);
        })).hasMessageContaining("disk full");
        assertThat(partial).doesNotExist();

        Files.createDirectory(partial);
        assertThatThrownBy(() -> BackupService.writePartial(partial, target -> {
            throw new AssertionError("must not write into another backup's folder");
        })).isInstanceOf(BackupException.class).hasMessageContaining("Another backup");
        assertThat(partial).isEmptyDirectory();
    }

    @Test
    void aDeletionDuringABackupIsPutOffWithoutUsingAnAttemptAndDoneAfterIt() throws Exception {
        String key = "backup-gate/" + java.util.UUID.randomUUID();
        byte[] bytes = "kept until the backup ends".getBytes(StandardCharsets.UTF_8);
        store.put(key, new java.io.ByteArrayInputStream(bytes), bytes.length, "text/plain");
        java.util.UUID job;
        try (var backup = dataSource.getConnection()) {
            dev.lightbox.data.backup.domain.DatabaseCopy.lock(backup, dev.lightbox.storage.DeletionGate.LOCK_KEY);
            try {
                assertThatThrownBy(() -> store.delete(key)).isInstanceOf(dev.lightbox.storage.BackupRunningException.class);
                job = jobs.enqueue(dev.lightbox.storage.ObjectDeletionJob.requests(List.of(key), List.of()).getFirst());
                org.awaitility.Awaitility.await("the deletion put off").atMost(Duration.ofSeconds(60))
                        .until(() -> jobState(job), state -> state.equals("QUEUED 0 later"));
                assertThat(store.stat(key)).as("kept while the backup runs").isPresent();
            } finally {
                dev.lightbox.data.backup.domain.DatabaseCopy.unlock(backup, dev.lightbox.storage.DeletionGate.LOCK_KEY);
            }
        }
        try (var c = dataSource.getConnection(); var st = c.prepareStatement("update jobs set run_after = now() where id = ?")) {
            st.setObject(1, job); // instead of waiting out the deferral
            st.executeUpdate();
        }
        org.awaitility.Awaitility.await("the deletion done after the backup").atMost(Duration.ofSeconds(60))
                .until(() -> jobState(job), state -> state.startsWith("SUCCEEDED"));
        assertThat(store.stat(key)).isEmpty();
    }

    private String jobState(java.util.UUID id) throws java.sql.SQLException {
        try (var c = dataSource.getConnection();
             var st = c.prepareStatement("select status || ' ' || attempts || ' ' || case when run_after > now() + interval '1 minute'"
                     + " then 'later' else 'now' end from jobs where id = ?")) {
            st.setObject(1, id);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void restoreRefusesATargetThatHoldsAnything() throws Exception {
        Path target = sharedBackup();
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
        Path shared = sharedBackup();
        Path folder = dataDirectory.resolve("backups");
        try {
            Files.createDirectories(folder.resolve("1999-01-01T000000"));
            Files.writeString(folder.resolve("1999-01-01T000000").resolve(Manifest.FILE_NAME), "{}");
            linkTree(shared, folder.resolve("2000-01-01T000000")); // the previous day's backup, without writing another
            backups.backUp(Instant.parse("2000-01-02T00:00:00Z"));
            List<Path> made = BackupService.backups(folder);
            assertThat(made).extracting(p -> p.getFileName().toString()).containsExactly("1999-01-01T000000", "2000-01-01T000000", "2000-01-02T000000");
            assertThat(Files.isSameFile(made.get(1).resolve("objects/originals/" + sharedSha), made.get(2).resolve("objects/originals/" + sharedSha)))
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
            BackupService.prune(folder, 0);
        }
    }

    private static void linkTree(Path from, Path to) throws java.io.IOException {
        try (var walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path copy = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) Files.createDirectories(copy);
                else Files.createLink(copy, path);
            }
        }
    }
}
