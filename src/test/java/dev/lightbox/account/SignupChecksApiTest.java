package dev.lightbox.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.ApiClient.Response;
import dev.lightbox.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sign-up refuses guessable passwords and look-alike (mixed-script) emails with a reason, and leaves no account. */
class SignupChecksApiTest extends IntegrationTest {

    @Test
    void aGuessablePasswordIs400WithTheReason() {
        var api = api();
        Response common = api.post("/api/v1/auth/signup", Map.of("email", "weak-common@lightbox.test", "password", "password-123"));
        assertThat(common.status()).isEqualTo(400);
        assertThat(common.contentType()).startsWith("application/problem+json");
        assertThat(common.detail()).startsWith("password: too easy to guess.").contains("common password").contains("Add another word");

        Response fromEmail = api.post("/api/v1/auth/signup",
                Map.of("email", "marguerite.okonkwo@lightbox.test", "password", "Okonkwo-Marguerite!"));
        assertThat(fromEmail.status()).isEqualTo(400);
        assertThat(fromEmail.detail()).startsWith("password: too easy to guess.").contains("your email address");

        assertThat(accountsNamed("weak-common@lightbox.test", "marguerite.okonkwo@lightbox.test")).isZero();
    }

    @Test
    void aMixedScriptEmailIs400() {
        var api = api();
        String cyrillicA = "p\u0430ypal@lightbox.test"; // 'а' U+0430 among Latin letters
        Response local = api.post("/api/v1/auth/signup", Map.of("email", cyrillicA, "password", USER_PASSWORD));
        assertThat(local.status()).isEqualTo(400);
        assertThat(local.contentType()).startsWith("application/problem+json");
        assertThat(local.detail()).startsWith("email:").contains("different alphabets");

        Response domain = api.post("/api/v1/auth/signup", Map.of("email", "owner@lightb\u043ex.test", "password", USER_PASSWORD));
        assertThat(domain.status()).isEqualTo(400);
        assertThat(domain.detail()).startsWith("email:").contains("different alphabets");
        assertThat(accountsNamed(cyrillicA, "owner@lightb\u043ex.test")).isZero();

        Response oneScriptPerPart = api.post("/api/v1/auth/signup", Map.of("email", "\u0438\u0432\u0430\u043d@lightbox.test", "password", USER_PASSWORD));
        assertThat(oneScriptPerPart.status()).as("a Cyrillic name at a Latin domain is no look-alike").isEqualTo(201);
    }

    private long accountsNamed(String... emails) {
        var api = api();
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        var wanted = java.util.Set.of(emails);
        long found = 0;
        String cursor = "";
        do {
            Response users = api.get("/api/v1/admin/users?limit=200&cursor=" + cursor, admin);
            assertThat(users.status()).isEqualTo(200);
            found += users.json().get("items").values().stream().filter(node -> wanted.contains(node.get("email").asString())).count();
            cursor = users.json().get("nextCursor").isNull() ? null : users.json().get("nextCursor").asString();
        } while (cursor != null);
        return found;
    }
}
