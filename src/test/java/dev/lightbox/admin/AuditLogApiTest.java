package dev.lightbox.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.ApiClient.Response;
import dev.lightbox.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** GET /api/v1/admin/audit: entries written in the action's transaction, newest first, keyset paged, filtered. */
class AuditLogApiTest extends IntegrationTest {

    @Autowired Clock clock;

    @Test
    void creditAdjustmentsAreAuditedAndTheLogFiltersAndPages() {
        ApiClient api = api();
        ApiClient.User user = api.newUser();
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String adminId = api.get("/api/v1/auth/me", admin).json().get("id").asString();
        String credits = "/api/v1/admin/users/" + user.id() + "/credits";
        Instant before = clock.instant().minusSeconds(5);

        assertThat(api.post(credits, Map.of("amount", 7, "reason", "Beta tester"), admin).status()).isEqualTo(201);
        assertThat(api.post(credits, Map.of("amount", -2, "reason", "Correction"), admin).status()).isEqualTo(201);
        // refused (below zero): rolled back, so no entry
        assertThat(api.post(credits, Map.of("amount", -50, "reason", "Too much"), admin).status()).isEqualTo(400);

        String mine = "/api/v1/admin/audit?action=credits.adjust&target=" + user.id();
        Response page = api.get(mine, admin);
        assertThat(page.status()).isEqualTo(200);
        List<JsonNode> items = items(page);
        assertThat(items).hasSize(2);
        assertThat(page.json().get("nextCursor").isNull()).isTrue();
        JsonNode newest = items.get(0);
        assertThat(newest.get("action").asString()).isEqualTo("credits.adjust");
        assertThat(newest.get("actorId").asString()).isEqualTo(adminId);
        assertThat(newest.get("actorEmail").asString()).isEqualTo(ADMIN_EMAIL);
        assertThat(newest.get("targetType").asString()).isEqualTo("user");
        assertThat(newest.get("targetId").asString()).isEqualTo(user.id().toString());
        assertThat(newest.get("detail").asString()).isEqualTo("-2 credits (balance 5): Correction");
        assertThat(items.get(1).get("detail").asString()).isEqualTo("+7 credits (balance 7): Beta tester");
        assertThat(newest.get("id").asLong()).isGreaterThan(items.get(1).get("id").asLong());
        assertThat(Instant.parse(newest.get("at").asString())).isAfter(before);

        // one per page, following the cursor, gives the same two newest first
        Response first = api.get(mine + "&limit=1", admin);
        assertThat(items(first)).extracting(e -> e.get("id").asLong()).containsExactly(newest.get("id").asLong());
        String cursor = first.json().get("nextCursor").asString();
        Response second = api.get(mine + "&limit=1&cursor=" + cursor, admin);
        assertThat(items(second)).extracting(e -> e.get("id").asLong()).containsExactly(items.get(1).get("id").asLong());
        assertThat(second.json().get("nextCursor").isNull()).isTrue();

        // actor by email or id; a time window
        assertThat(items(api.get(mine + "&actor=" + enc(ADMIN_EMAIL.toUpperCase()), admin))).hasSize(2);
        assertThat(items(api.get(mine + "&actor=" + adminId, admin))).hasSize(2);
        assertThat(items(api.get(mine + "&actor=" + enc(user.email()), admin))).isEmpty();
        assertThat(items(api.get(mine + "&since=" + enc(before.toString()), admin))).hasSize(2);
        assertThat(items(api.get(mine + "&until=" + enc(before.toString()), admin))).isEmpty();
        assertThat(items(api.get("/api/v1/admin/audit?action=queue.pause&target=" + user.id(), admin))).isEmpty();

        for (String bad : List.of("action=no.such", "cursor=garbage", "limit=0", "limit=201", "since=yesterday",
                "since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z")) {
            Response refused = api.get("/api/v1/admin/audit?" + bad, admin);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.contentType()).as(bad).startsWith("application/problem+json");
            assertThat(refused.detail()).as(bad).contains(bad.substring(0, bad.indexOf('=')).equals("since") && bad.contains("until")
                    ? "until" : bad.substring(0, bad.indexOf('=')));
        }
        assertThat(api.get("/api/v1/admin/audit", user.token()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/admin/audit", null).status()).isEqualTo(401);
    }

    @Test
    void jobDiagnosticsAreAudited() {
        ApiClient api = api();
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        Instant before = clock.instant().minusSeconds(5);
        Response enqueued = api.post("/api/v1/admin/jobs/diagnostics", Map.of("count", 1, "sleepMs", 0, "queue", "cpu", "record", false), admin);
        assertThat(enqueued.status()).isEqualTo(202);
        List<JsonNode> entries = items(api.get("/api/v1/admin/audit?action=jobs.diagnostics&limit=1&since=" + enc(before.toString()), admin));
        assertThat(entries).hasSize(1);
        assertThat(entries.getFirst().get("actorEmail").asString()).isEqualTo(ADMIN_EMAIL);
        assertThat(entries.getFirst().get("targetType").asString()).isEqualTo("queue");
        assertThat(entries.getFirst().get("targetId").asString()).isEqualTo("cpu");
        assertThat(entries.getFirst().get("detail").asString()).isEqualTo("Enqueued 1 diagnostic job(s) of 0 ms, not recorded");
    }

    static List<JsonNode> items(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        response.json().get("items").forEach(items::add);
        return items;
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
