package dev.lightbox.billing.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.ApiClient.Response;
import dev.lightbox.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class CreditApiTest extends IntegrationTest {

    @Autowired JdbcTemplate jdbc;

    private static Map<String, Object> adjust(Object amount, Object reason) {
        var body = new java.util.HashMap<String, Object>();
        body.put("amount", amount);
        body.put("reason", reason);
        return body;
    }

    @Test
    void balanceTransactionsAndAdminGrantsOverHttp() {
        ApiClient api = api();
        ApiClient.User user = api.newUser();
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String path = "/api/v1/admin/users/" + user.id() + "/credits";

        Response empty = api.get("/api/v1/credits", user.token());
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().get("balance").asLong()).isZero();
        assertThat(empty.json().get("reserved").asLong()).isZero();

        Response granted = api.post(path, adjust(12, "Beta tester"), admin);
        assertThat(granted.status()).isEqualTo(201);
        assertThat(granted.json().get("kind").asString()).isEqualTo("grant");
        assertThat(granted.json().get("amount").asLong()).isEqualTo(12);
        assertThat(granted.json().get("balanceAfter").asLong()).isEqualTo(12);
        assertThat(granted.json().get("reason").asString()).isEqualTo("Beta tester");
        assertThat(granted.json().get("reference").isNull()).isTrue();
        assertThat(granted.json().get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(granted.json().get("id").asLong()).isPositive();

        Response taken = api.post(path, adjust(-2, "Correction"), admin);
        assertThat(taken.status()).isEqualTo(201);
        assertThat(taken.json().get("kind").asString()).isEqualTo("adjustment");

        long entries = jdbc.queryForObject("select count(*) from credit_entries where user_id = ?", Long.class, user.id());
        for (var bad : java.util.List.of(adjust(0, "Zero"), adjust(5, " "), adjust(5, null), adjust(null, "No amount"),
                adjust(5, "x".repeat(201)), adjust(-11, "Below zero"), adjust("five", "Not a number"))) {
            Response refused = api.post(path, bad, admin);
            assertThat(refused.status()).as("%s", bad).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.detail()).isNotBlank();
        }
        assertThat(api.post("/api/v1/admin/users/" + UUID.randomUUID() + "/credits", adjust(5, "Nobody"), admin).status()).isEqualTo(404);
        Response forbidden = api.post(path, adjust(1000, "Self-service"), user.token());
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.contentType()).startsWith("application/problem+json");
        assertThat(jdbc.queryForObject("select count(*) from credit_entries where user_id = ?", Long.class, user.id()))
                .as("refused requests leave no entry").isEqualTo(entries);

        Response balance = api.get("/api/v1/credits", user.token());
        assertThat(balance.json().get("balance").asLong()).isEqualTo(10);

        Response firstPage = api.get("/api/v1/credits/transactions?limit=1", user.token());
        assertThat(firstPage.status()).isEqualTo(200);
        assertThat(firstPage.json().get("items")).hasSize(1);
        assertThat(firstPage.json().get("items").get(0).get("kind").asString()).isEqualTo("adjustment");
        assertThat(firstPage.json().get("items").get(0).get("amount").asLong()).isEqualTo(-2);
        String cursor = firstPage.json().get("nextCursor").asString();
        Response secondPage = api.get("/api/v1/credits/transactions?limit=1&cursor=" + cursor, user.token());
        assertThat(secondPage.json().get("items").get(0).get("kind").asString()).isEqualTo("grant");
        assertThat(secondPage.json().get("nextCursor").isNull()).isTrue();
        assertThat(api.get("/api/v1/credits/transactions?cursor=nonsense", user.token()).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/credits", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/credits/transactions", api.newUser().token()).json().get("items")).isEmpty();
    }

    @Test
    void paidWorkBeyondTheBalanceAnswers402ProblemAndQueuesNothing() {
        ApiClient api = api();
        ApiClient.User user = api.newUser();
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(api.post("/api/v1/admin/users/" + user.id() + "/credits", adjust(3, "Three"), admin).status()).isEqualTo(201);

        assertThat(api.post("/api/v1/test/paid-work?price=2", Map.of(), user.token()).status()).isEqualTo(202);
        Response refused = api.post("/api/v1/test/paid-work?price=2", Map.of(), user.token());
        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("balance").asLong()).isEqualTo(1);
        assertThat(refused.json().get("price").asLong()).isEqualTo(2);
        assertThat(refused.detail()).contains("costs 2 credits").contains("balance is 1");
        assertThat(jdbc.queryForObject("select count(*) from jobs where owner_id = ?", Long.class, user.id())).isEqualTo(1);

        Response balance = api.get("/api/v1/credits", user.token());
        assertThat(balance.json().get("balance").asLong()).isEqualTo(1);
        assertThat(balance.json().get("reserved").asLong()).isEqualTo(2);
    }
}
