package dev.lightbox.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.base.database.DatabaseProperties;
import dev.lightbox.base.database.StandaloneDatabase;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.JarProcess;
import dev.lightbox.support.ShapeImages;
import dev.lightbox.support.TestImages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The restore drill, as an operator runs it: one app start to build a library (photos, analysis, scores, labels, a
 * rating, a trained model, a skin check-in, credits), stop, {@code backup}, {@code restore} into a fresh data dir, one
 * app start there; every API answer and every object's checksum is the same as before.
 */
class BackupRestoreIT {

    private static final String ADMIN = "admin@lightbox.test";
    private static final String PASSWORD = "amber-Walrus-tuning-27";
    private static final Map<String, String> ENV = Map.of("LIGHTBOX_ADMIN_EMAIL", ADMIN, "LIGHTBOX_ADMIN_PASSWORD", PASSWORD,
            "LIGHTBOX_TRAINING_MIN_PHOTOS_PER_LABEL", "2");

    @Test
    void aRestoredDataDirectoryAnswersExactlyAsTheOriginal() throws Exception {
        Path original = IntegrationTest.newDataDir("drill-original");
        Path restored = original.resolveSibling(original.getFileName() + "-restored");
        Path backup = original.resolveSibling(original.getFileName() + "-backup");
        String token;
        String userId;
        Map<String, String> before;
        try (var app = JarProcess.start(original, ENV)) {
            app.awaitLoginPage(Duration.ofSeconds(120));
            ApiClient api = app.api();
            String admin = api.login(ADMIN, PASSWORD);
            var user = api.newUser();
            token = user.token();
            userId = user.id().toString();
            long seed = 7_000;
            var photos = new ArrayList<String>();
            for (String shape : List.of("circle", "square")) {
                for (int i = 0; i < 2; i++) {
                    String id = api.upload(shape + i + ".jpg", ShapeImages.jpeg(shape, 64, seed++), token).json().get("id").asString();
                    assertThat(api.put("/api/v1/photos/" + id + "/labels", List.of(shape), token).status()).isBetween(200, 204);
                    photos.add(id);
                }
            }
            assertThat(api.put("/api/v1/photos/" + photos.getFirst() + "/rating", Map.of("stars", 4), token).status()).isBetween(200, 204);
            var checkin = api.upload("/api/v1/skin/checkins", "selfie.jpg", TestImages.uniqueCopy(TestImages.read(TestImages.GRACE_HOPPER)), token);
            assertThat(checkin.status()).as(checkin.body()).isBetween(200, 202);
            assertThat(api.post("/api/v1/admin/users/" + user.id() + "/credits", Map.of("amount", 9, "reason", "Welcome"), admin).status())
                    .isBetween(200, 204);
            var model = api.post("/api/v1/models", Map.of("name", "drill", "labels", List.of("circle", "square"), "imageSize", 32, "epochs", 1), token);
            assertThat(model.status()).as(model.body()).isBetween(200, 202);
            String modelId = model.json().get("id").asString();
            ApiClient.await("model trained", Duration.ofSeconds(180),
                    () -> api.get("/api/v1/models/" + modelId, token).json().get("status").asString(), "COMPLETED"::equals);
            String trashed = api.upload("trashed.jpg", ShapeImages.jpeg("circle", 64, seed++), token).json().get("id").asString();
            assertThat(api.delete("/api/v1/photos/" + trashed, token).status()).isBetween(200, 204);
            ApiClient.await("every job of the user finished", Duration.ofSeconds(180),
                    () -> api.get("/api/v1/jobs?limit=200", token).json().get("items").values().stream()
                            .filter(job -> List.of("QUEUED", "RUNNING").contains(job.get("status").asString())).count(), left -> left == 0);
            before = answers(api, token);
            assertThat(before.get("/api/v1/photos")).contains(photos.getFirst());
            assertThat(before.get("/api/v1/trash")).contains(trashed);
            assertThat(app.stop()).isZero();
        }
        String countsBefore = rows(original, COUNTS);
        assertThat(countsBefore).as("photo_counts holds the user's live photos").contains(userId + "=");
        Map<String, String> objectsBefore = objectChecksums(original);
        assertThat(objectsBefore.keySet()).anyMatch(key -> key.startsWith("originals/")).anyMatch(key -> key.startsWith("models/"));

        assertThat(runJar(original, "backup", backup)).isZero();
        assertThat(backup.resolve("manifest.json")).isRegularFile();
        assertThat(runJar(restored, "restore", backup)).isZero();
        assertThat(objectChecksums(restored)).isEqualTo(objectsBefore);
        assertThat(rows(restored, COUNTS)).as("the restore fires no triggers: counts and job versions as in the backup").isEqualTo(countsBefore);

        try (var app = JarProcess.start(restored, ENV)) {
            app.awaitLoginPage(Duration.ofSeconds(120));
            Map<String, String> after = answers(app.api(), token); // the same API token: its row came back too
            assertThat(after.keySet()).isEqualTo(before.keySet());
            before.forEach((path, answer) -> assertThat(after.get(path)).as(path).isEqualTo(answer));
        }
    }

    /** What the count and version triggers keep: the per-user photo counts, then every job's version. */
    private static final String COUNTS = "select r from (select owner_id::text || '=' || photos as r from photo_counts"
            + " union all select id::text || ' v' || version from jobs) t order by r";

    /** The rows of {@code sql} (one text column) in the data dir's embedded database, the app stopped. */
    private static String rows(Path dataDir, String sql) throws Exception {
        try (var database = StandaloneDatabase.open(new DatabaseProperties(null, null, null, null, null, null), dataDir);
             var connection = database.connect(); var statement = connection.createStatement(); var rs = statement.executeQuery(sql)) {
            var rows = new ArrayList<String>();
            while (rs.next()) rows.add(rs.getString(1));
            return String.join("\n", rows);
        }
    }

    /** Status and body of every read the user can make, keyed by path; media by their SHA-256. */
    private static Map<String, String> answers(ApiClient api, String token) throws Exception {
        var answers = new LinkedHashMap<String, String>();
        for (String path : List.of("/api/v1/photos?limit=200", "/api/v1/profile", "/api/v1/models", "/api/v1/skin/checkins",
                "/api/v1/skin/trends", "/api/v1/credits", "/api/v1/credits/transactions", "/api/v1/scoring-configs", "/api/v1/labels",
                "/api/v1/auth/me", "/api/v1/analysis", "/api/v1/trash", "/api/v1/export")) {
            answers.put(path, read(api, path, token));
        }
        answers.put("/api/v1/photos", answers.get("/api/v1/photos?limit=200"));
        for (JsonNode photo : api.get("/api/v1/photos?limit=200", token).json().get("items").values()) {
            String id = photo.get("id").asString();
            for (String path : List.of("/api/v1/photos/" + id, "/api/v1/photos/" + id + "/skin")) answers.put(path, read(api, path, token));
            for (String rendition : List.of("original", "preview", "thumbnail")) {
                var bytes = api.getBytes("/api/v1/photos/" + id + "/" + rendition, token);
                answers.put(id + "/" + rendition, bytes.status() + " " + sha256(bytes.body()));
            }
        }
        for (JsonNode model : api.get("/api/v1/models", token).json().values()) {
            String id = model.get("id").asString();
            answers.put("/api/v1/models/" + id, read(api, "/api/v1/models/" + id, token));
            var zip = api.getBytes("/api/v1/models/" + id + "/versions/1/download", token);
            answers.put("model " + id, zip.status() + " " + zipEntries(zip.body()));
        }
        return answers;
    }

    /** Status and body; {@code computedAt} says when the answer was computed, not what it holds. */
    private static String read(ApiClient api, String path, String token) {
        var answer = api.get(path, token);
        return answer.status() + " " + answer.body().replaceAll("\"computedAt\":\"[^\"]*\"", "\"computedAt\":\"…\"");
    }

    /** Every object of the embedded S3 server's bucket folder but temporaries, by key. */
    private static Map<String, String> objectChecksums(Path dataDir) throws IOException {
        Path bucket = dataDir.resolve("objects").resolve("lightbox");
        var sums = new TreeMap<String, String>();
        try (Stream<Path> files = Files.walk(bucket)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = bucket.relativize(file).toString();
                if (key.startsWith("uploads/")) continue;
                try (InputStream in = Files.newInputStream(file)) {
                    sums.put(key, sha256(in.readAllBytes()));
                }
            }
        }
        return sums;
    }

    private static int runJar(Path dataDir, String command, Path folder) throws Exception {
        Path jar = Path.of(System.getProperty("lightbox.jar", "target/lightbox.jar"));
        Path log = Files.createTempFile(dataDir.getParent(), command + "-", ".log");
        var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
                jar.toString(), command, folder.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("LIGHTBOX_DATA_DIR", dataDir.toString());
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(command + " did not end within 5 minutes:\n" + Files.readString(log));
        }
        System.out.println(command + ": " + Files.readString(log));
        assertThat(process.exitValue()).as(command + " output:\n" + Files.readString(log)).isZero();
        return process.exitValue();
    }

    /** Each entry's name and SHA-256: the zip is made per download, its entry times are the download's. */
    private static String zipEntries(byte[] zip) throws IOException {
        var entries = new TreeMap<String, String>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) entries.put(entry.getName(), sha256(in.readAllBytes()));
        }
        assertThat(entries).isNotEmpty();
        return entries.toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
