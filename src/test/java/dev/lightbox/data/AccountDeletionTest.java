package dev.lightbox.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lightbox.data.deletion.service.AccountDeletionService;
import dev.lightbox.data.deletion.service.DeletionRefusedException;
import dev.lightbox.jobs.JobService;
import dev.lightbox.jobs.JobStatus;
import dev.lightbox.jobs.JobView;
import dev.lightbox.storage.ObjectStore;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.ApiClient.Response;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import dev.lightbox.support.TestJobHandlers;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deleting an account leaves no row that references it in any table (the tables and columns are read from the schema,
 * so a table added later is checked too) and no object only it referenced, while an original another user also
 * uploaded stays for them; a running job is cancelled without harm to the worker; a wrong password is refused, the
 * last admin cannot go, and an admin's deletion is audited without naming the account.
 */
class AccountDeletionTest extends IntegrationTest {

    private static final Duration JOBS = Duration.ofSeconds(90);

    @Autowired JdbcTemplate jdbc;
    @Autowired ObjectStore store;
    @Autowired JobService jobs;
    @Autowired AccountDeletionService deletion;
    @Autowired TransactionTemplate transaction;

    @Test
    void deletingAnAccountLeavesNoRowAndNoObjectOfItButSharedOriginalsStay() {
        ApiClient api = api();
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        var user = api.newUser();
        var other = api.newUser();

        // photos: one only theirs, one the other user uploaded too; a skin check-in (a face: crops are stored)
        byte[] own = TestImages.jpeg(320, 240, System.nanoTime());
        byte[] shared = TestImages.jpeg(320, 240, System.nanoTime() + 1);
        String ownPhoto = uploaded(api.upload("own.jpg", own, user.token()));
        String sharedPhoto = uploaded(api.upload("shared.jpg", shared, user.token()));
        String othersPhoto = uploaded(api.upload("shared.jpg", shared, other.token()));
        Response checkin = api.upload("/api/v1/skin/checkins", "selfie.jpg", TestImages.uniqueCopy(TestImages.read(TestImages.GRACE_HOPPER)), user.token());
        assertThat(checkin.status()).as(checkin.body()).isEqualTo(202);
        String selfie = checkin.json().get("photoId").asString();
        String ownSha = sha(ownPhoto);
        String sharedSha = sha(sharedPhoto);
        String selfieSha = sha(selfie);

        // labels, ratings, a scoring config, credits, an admin's actions on the account (audited with its id and email)
        assertThat(api.put("/api/v1/photos/" + ownPhoto + "/labels", List.of("cat"), user.token()).status()).isEqualTo(200);
        assertThat(api.put("/api/v1/photos/" + sharedPhoto + "/rating", Map.of("stars", 4), user.token()).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/scoring-configs", Map.of("name", "Crisp", "weights", Map.of("sharpness", 1.0)), user.token()).status())
                .isEqualTo(201);
        assertThat(api.post("/api/v1/admin/users/" + user.id() + "/credits", Map.of("amount", 7, "reason", "Welcome"), admin).status())
                .isEqualTo(201);
        assertThat(api.put("/api/v1/admin/users/" + user.id(), Map.of("disabled", true, "reason", "checking " + user.email()), admin).status())
                .isEqualTo(200);
        assertThat(api.put("/api/v1/admin/users/" + user.id(), Map.of("disabled", false), admin).status()).isEqualTo(200);
        String token = api.login(user.email(), USER_PASSWORD); // disabling revoked nothing named; a fresh login token anyway
        // a named token, a Telegram link and link token
        assertThat(api.post("/api/v1/auth/tokens", Map.of("name", "script"), token).status()).isEqualTo(201);
        jdbc.update("insert into telegram_links (user_id, chat_id, linked_at) values (?, ?, now())", user.id(), System.nanoTime());
        jdbc.update("insert into telegram_link_tokens (token_hash, user_id, expires_at) values (?, ?, now() + interval '1 hour')",
                UUID.randomUUID().toString().replace("-", ""), user.id());

        // a model, a transform and an export, with their objects (training and restyling for real cost far more)
        UUID model = UUID.randomUUID();
        jdbc.update("""
                insert into models (id, owner_id, name, labels, architecture, config, status, state, created_at)
                values (?, ?, 'Cats', '["cat"]', 'tiny', '{}', 'READY', 'READY', now())""", model, user.id());
        put("models/" + model + "/1/model.params");
        UUID transform = UUID.randomUUID();
        jdbc.update("""
                insert into transforms (id, owner_id, photo_id, style, params, status, result_key, created_at)
                values (?, ?, ?, 'mosaic', '{}', 'completed', ?, now())""", transform, user.id(), UUID.fromString(ownPhoto),
                "results/" + transform + "/result.jpg");
        put("results/" + transform + "/result.jpg");
        put("results/" + transform + "/thumbnail.jpg");
        UUID export = UUID.randomUUID();
        String exportKey = "exports/" + user.id() + "/" + export + ".zip";
        jdbc.update("insert into exports (id, owner_id, status, object_key, created_at) values (?, ?, 'READY', ?, now())", export, user.id(), exportKey);
        put(exportKey);

        // analysis, scores and the check-in's crops are there; a description of the own photo (as a vision model's)
        await().atMost(JOBS).until(() -> count("select count(*) from photo_scores where owner_id = ?", user.id()) >= 2);
        jdbc.update("""
                insert into vision_descriptions (content_sha256, model, caption, subjects, setting, mood, tags, aesthetic, described_at)
                values (?, 'test-model', 'a private caption', '{cat}', 'home', 'calm', '{cat}', 5, now())""", ownSha);
        assertThat(count("select count(*) from photo_attributes where sha256 = ?", ownSha)).as("analysed").isPositive();
        assertThat(count("select count(*) from score_inputs where sha256 = ?", ownSha)).as("score inputs").isPositive();
        List<String> crops = await().atMost(JOBS).until(() -> jdbc.queryForList(
                "select unnest(array[crop_key, annotated_key]) from skin_analyses where sha256 = ? and status = 'done'", String.class, selfieSha),
                keys -> keys.size() == 2);
        for (String key : crops) assertThat(store.stat(key)).as(key).isPresent();

        // a running job that would run for a minute
        UUID running = jobs.enqueue(TestJobHandlers.STEPS, user.id(), new TestJobHandlers.Steps(600, 100));
        await().atMost(JOBS).until(() -> jobs.find(user.id(), running).map(JobView::status).orElse(null) == JobStatus.RUNNING);

        await().atMost(JOBS).until(() -> count("select count(*) from photo_scores where owner_id = ?", other.id()) >= 1);
        // the other user's own background work (analysis, then grouping into a culling run) is done before their rows are counted
        await().atMost(JOBS).until(() -> count("select count(*) from culling_runs where owner_id = ?", other.id()) == 1
                && count("select count(*) from jobs where owner_id = ? and status in ('QUEUED', 'RUNNING')", other.id()) == 0);
        Map<String, Long> othersRows = rowsOutsideJobs(other.id().toString(), other.email());
        assertThat(referencesTo(user.id().toString(), user.email())).as("the test finds the account's rows").isNotEmpty();

        // a wrong or missing password changes nothing
        Response wrong = api.deleteFrom("203.0.113.41", "/api/v1/auth/me", Map.of("password", "not-my-password-1"), token);
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(wrong.detail()).contains("The password does not match");
        assertThat(api.delete("/api/v1/auth/me", token).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/auth/me", token).status()).isEqualTo(200);

        assertThat(api.delete("/api/v1/auth/me", Map.of("password", USER_PASSWORD), token).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/auth/me", token).status()).as("its tokens are gone").isEqualTo(401);
        assertThat(api.post("/api/v1/auth/login", Map.of("email", user.email(), "password", USER_PASSWORD)).status()).isEqualTo(401);

        // every row goes at once; objects go once the deletion jobs ran, and then their payloads no longer name the account
        Set<String> ownOnly = Set.of(ownSha, selfieSha);
        Set<String> photoIds = Set.of(ownPhoto, sharedPhoto, selfie);
        await().atMost(JOBS).untilAsserted(() -> {
            assertThat(objectsOf(user.id().toString(), ownOnly)).as("objects only the account referenced").isEmpty();
            assertThat(referencesTo(user.id().toString(), user.email())).as("rows referencing the account").isEmpty();
            assertThat(rowsReferencing(photoIds, ownOnly)).as("rows of its photos and of contents only it held").isEmpty();
            for (String key : List.of("models/" + model + "/1/model.params", "results/" + transform + "/result.jpg",
                    "results/" + transform + "/thumbnail.jpg")) {
                assertThat(store.stat(key)).as(key).isEmpty();
            }
        });
        for (String key : crops) assertThat(store.stat(key)).as(key).isEmpty();

        // the shared original stays for the other user, whose rows are all there
        assertThat(store.stat("originals/" + sharedSha)).isPresent();
        assertThat(api.getBytes("/api/v1/photos/" + othersPhoto + "/original", other.token()).body()).isEqualTo(shared);
        assertThat(rowsOutsideJobs(other.id().toString(), other.email())).isEqualTo(othersRows);

        // the running job stopped without breaking the worker: its row went with the account, and the queue still works
        assertThat(jobs.status(running)).isEmpty();
        UUID next = jobs.enqueue(TestJobHandlers.ECHO, other.id(), new TestJobHandlers.Echo("still here", null));
        await().atMost(JOBS).until(() -> jobs.status(next).orElseThrow() == JobStatus.SUCCEEDED);
        assertThat(TestJobHandlers.RUNS.get(running).get()).as("cancelled, not retried").isEqualTo(1);
    }

    @Test
    void passwordGuessesGoThroughTheSignInThrottle() {
        ApiClient api = api();
        var user = api.newUser();
        String from = "203.0.113.42";
        for (int i = 0; i < 5; i++) {
            assertThat(api.deleteFrom(from, "/api/v1/auth/me", Map.of("password", "guess-" + i), user.token()).status()).isEqualTo(403);
        }
        Response refused = api.deleteFrom(from, "/api/v1/auth/me", Map.of("password", USER_PASSWORD), user.token());
        assertThat(refused.status()).as("over the limit, even the right password is refused").isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refused.detail()).contains("Try again in");
        assertThat(api.get("/api/v1/auth/me", user.token()).status()).isEqualTo(200);
        assertThat(api.postFrom(from, "/api/v1/auth/login", Map.of("email", user.email(), "password", USER_PASSWORD)).status())
                .as("the same throttle as sign-in").isEqualTo(429);
    }

    @Test
    void anAdminDeletesAnAccountAuditedWithoutNamingItButNotTheirOwnHere() {
        ApiClient api = api();
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        UUID adminId = UUID.fromString(api.get("/api/v1/auth/me", admin).json().get("id").asString());
        var user = api.newUser();
        uploaded(api.upload("one.jpg", TestImages.jpeg(200, 150, System.nanoTime()), user.token()));

        assertThat(api.delete("/api/v1/admin/users/" + user.id(), user.token()).status()).as("users may not").isEqualTo(403);
        Response self = api.delete("/api/v1/admin/users/" + adminId, admin);
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.contentType()).startsWith("application/problem+json");
        assertThat(self.detail()).contains("account settings");
        assertThat(api.delete("/api/v1/admin/users/" + UUID.randomUUID(), admin).status()).isEqualTo(404);

        assertThat(api.delete("/api/v1/admin/users/" + user.id(), admin).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/auth/me", user.token()).status()).isEqualTo(401);
        Map<String, Object> entry = jdbc.queryForMap("select actor_id, target_type, target_id, detail from audit_log where action = 'user.delete' order by id desc limit 1");
        assertThat(entry.get("actor_id")).isEqualTo(adminId);
        assertThat(entry.get("target_id")).isNull();
        assertThat((String) entry.get("detail")).contains("1 photo(s)").doesNotContain(user.email()).doesNotContain(user.id().toString());
        assertThat(referencesTo(user.id().toString(), user.email())).isEmpty();
        assertThat(api.delete("/api/v1/admin/users/" + user.id(), admin).status()).as("gone").isEqualTo(404);
    }

    @Test
    void theLastEnabledAdminCannotBeDeleted() {
        UUID adminId = jdbc.queryForObject("select id from users where email = ?", UUID.class, ADMIN_EMAIL);
        // other tests may have made admins: within a transaction that is rolled back, this admin is the only enabled one
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.update("update users set disabled_at = now() where role = 'ADMIN' and id <> ? and disabled_at is null", adminId);
            deletion.deleteOwn(adminId, ADMIN_PASSWORD, "", null);
        })).isInstanceOf(DeletionRefusedException.class).hasMessageContaining("last enabled admin");
        assertThat(count("select count(*) from users where id = ?", adminId)).isEqualTo(1);
    }

    private String uploaded(Response response) {
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        return response.json().get("id").asString();
    }

    private String sha(String photoId) {
        return jdbc.queryForObject("select sha256 from photos where id = ?::uuid", String.class, photoId);
    }

    private void put(String key) {
        byte[] bytes = {1, 2, 3};
        store.put(key, new ByteArrayInputStream(bytes), bytes.length, "application/octet-stream");
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    /** Every key in the bucket that names the account or one of these contents. */
    private List<String> objectsOf(String id, Set<String> contents) {
        var found = new ArrayList<String>();
        store.forEach("", object -> {
            if (object.key().contains(id) || contents.stream().anyMatch(object.key()::contains)) found.add(object.key());
        });
        return found;
    }

    /** "table.column" of every row in any table of the schema that holds the id (uuid columns) or names the id or email (text, json). */
    private List<String> referencesTo(String id, String email) {
        var found = new ArrayList<String>();
        rowsReferencing(id, email).forEach((column, rows) -> found.add(column + ": " + rows));
        return found;
    }

    /** Without the job tables, where the other user's background work comes and goes meanwhile. */
    private Map<String, Long> rowsOutsideJobs(String id, String email) {
        var rows = rowsReferencing(id, email);
        rows.keySet().removeIf(column -> column.startsWith("job"));
        return rows;
    }

    private Map<String, Long> rowsReferencing(String id, String email) {
        return rowsReferencing(Set.of(id), Set.of(id, email));
    }

    /** Rows whose uuid columns hold one of {@code ids} or whose text, json and array columns contain one of {@code texts}. */
    private Map<String, Long> rowsReferencing(Set<String> ids, Set<String> texts) {
        var counts = new HashMap<String, Long>();
        List<Map<String, Object>> columns = jdbc.queryForList("""
                select c.table_name, c.column_name, c.data_type from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
                  and c.data_type in ('uuid', 'text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY')""");
        assertThat(columns).as("the schema's columns").hasSizeGreaterThan(50);
        for (Map<String, Object> column : columns) {
            String table = "\"" + column.get("table_name") + "\"";
            String name = "\"" + column.get("column_name") + "\"";
            boolean uuid = "uuid".equals(column.get("data_type"));
            long rows = uuid
                    ? count("select count(*) from " + table + " where " + name + " = any(?::uuid[])", (Object) ids.toArray(String[]::new))
                    : count("select count(*) from " + table + " where " + name + "::text like any(?::text[])",
                            (Object) texts.stream().map(text -> "%" + text + "%").toArray(String[]::new));
            if (rows > 0) counts.put(column.get("table_name") + "." + column.get("column_name"), rows);
        }
        return counts;
    }
}
