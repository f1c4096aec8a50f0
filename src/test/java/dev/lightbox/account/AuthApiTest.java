package dev.lightbox.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.ApiClient.Response;
import dev.lightbox.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthApiTest extends IntegrationTest {

    @Test
    void signUpLogInAskWhoIAmAndLogOut() {
        var api = api();
        Response signup = api.post("/api/v1/auth/signup", Map.of("email", "  Carol@Example.TEST ", "password", "sorrel-Quiver-lagoon-36"));
        assertThat(signup.status()).isEqualTo(201);
        assertThat(signup.json().get("email").asString()).isEqualTo("carol@example.test");
        String id = signup.json().get("id").asString();

        String token = api.login("carol@example.test", "sorrel-Quiver-lagoon-36");
        assertThat(token).startsWith("lbx_");

        Response me = api.get("/api/v1/auth/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("id").asString()).isEqualTo(id);
        assertThat(me.json().get("email").asString()).isEqualTo("carol@example.test");
        assertThat(me.json().get("roles").values()).extracting(node -> node.asString()).containsExactly("USER");

        assertThat(api.post("/api/v1/auth/logout", "", token).status()).isEqualTo(204);
        Response afterLogout = api.get("/api/v1/auth/me", token);
        assertThat(afterLogout.status()).isEqualTo(401);
        assertThat(afterLogout.detail()).contains("revoked");
    }

    @Test
    void theAdminFromSettingsIsAdmin() {
        var api = api();
        Response me = api.get("/api/v1/auth/me", api.login(ADMIN_EMAIL, ADMIN_PASSWORD));
        assertThat(me.json().get("roles").values()).extracting(node -> node.asString()).containsExactly("USER", "ADMIN");
    }

    @Test
    void wrongPasswordAndUnknownEmailAnswer401Alike() {
        var api = api();
        String email = api.signUpNewUser();
        Response wrong = api.post("/api/v1/auth/login", Map.of("email", email, "password", "not-the-password"));
        Response unknown = api.post("/api/v1/auth/login", Map.of("email", "nobody@lightbox.test", "password", "whatever-123"));
        for (Response response : List.of(wrong, unknown)) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.detail()).isEqualTo("Incorrect email or password.");
        }
    }

    @Test
    void missingOrUnknownTokenIs401() {
        var api = api();
        assertThat(api.get("/api/v1/auth/me", null).status()).isEqualTo(401);
        Response forged = api.get("/api/v1/auth/me", "lbx_forged-token-value");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.contentType()).startsWith("application/problem+json");
    }

    @Test
    void duplicateEmailIs409WhateverItsCase() {
        var api = api();
        String email = api.signUpNewUser();
        Response again = api.post("/api/v1/auth/signup", Map.of("email", email.toUpperCase(), "password", USER_PASSWORD));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.detail()).contains("already exists");
    }

    @Test
    void malformedBodiesAre400NamingTheField() {
        var api = api();
        Response missingEmail = api.post("/api/v1/auth/signup", Map.of("password", USER_PASSWORD));
        assertThat(missingEmail.status()).isEqualTo(400);
        assertThat(missingEmail.contentType()).startsWith("application/problem+json");
        assertThat(missingEmail.detail()).startsWith("email:");

        Response badEmail = api.post("/api/v1/auth/signup", Map.of("email", "not-an-email", "password", USER_PASSWORD));
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.detail()).startsWith("email:");

        Response shortPassword = api.post("/api/v1/auth/signup", Map.of("email", "short@lightbox.test", "password", "short"));
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.detail()).startsWith("password:").contains("at least 8");

        Response wrongType = api.post("/api/v1/auth/signup", "{\"email\": {\"a\": 1}, \"password\": \"velvet-Compass-drizzle-31\"}", null);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.detail()).startsWith("email:");

        Response notJson = api.post("/api/v1/auth/login", "{\"email\": ", null);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.detail()).contains("not valid JSON");
    }

    @Test
    void usersCannotReachAdminRoutes() {
        var api = api();
        String userToken = api.login(api.signUpNewUser(), USER_PASSWORD);
        Response users = api.get("/api/v1/admin/users", userToken);
        assertThat(users.status()).isEqualTo(403);
        assertThat(users.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/actuator/prometheus", userToken).status()).isEqualTo(403);

        String adminToken = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        Response asAdmin = api.get("/api/v1/admin/users", adminToken);
        assertThat(asAdmin.status()).isEqualTo(200);
        assertThat(asAdmin.json().get("items").values()).extracting(node -> node.get("email").asString()).contains(ADMIN_EMAIL);
        assertThat(api.get("/actuator/prometheus", adminToken).body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void repeatedFailuresLockTheEmailOut() {
        var api = api();
        String email = api.signUpNewUser();
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/v1/auth/login", Map.of("email", email, "password", "guess-" + i)).status()).isEqualTo(401);
        }
        Response locked = api.post("/api/v1/auth/login", Map.of("email", email, "password", USER_PASSWORD));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.detail()).contains("Too many failed sign-in attempts");
    }

    @Test
    void healthReportsDatabaseAndObjectStore() {
        Response health = api().get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertThat(health.json().get("components").get("db").get("status").asString()).isEqualTo("UP");
        assertThat(health.json().get("components").get("s3").get("status").asString()).isEqualTo("UP");
    }
}
