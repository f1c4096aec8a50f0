package dev.lightbox.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.ApiClient.Response;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestClock.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Login tokens expire when unused for the login TTL (30 days by default) and are listed apart; named tokens may expire. */
class TokenExpiryApiTest extends IntegrationTest {

    @Autowired
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aLoginTokenExpiresThirtyDaysAfterItsLastUseAndEachUseSlidesIt() {
        ApiClient api = api();
        String email = api.signUpNewUser();
        String token = api.login(email, USER_PASSWORD);

        clock.advance(Duration.ofDays(29));
        assertThat(api.get("/api/v1/auth/me", token).status()).as("used on day 29").isEqualTo(200);
        clock.advance(Duration.ofDays(29));
        assertThat(api.get("/api/v1/auth/me", token).status()).as("day 58, 29 days after its last use").isEqualTo(200);

        clock.advance(Duration.ofDays(30).plusMinutes(1));
        Response expired = api.get("/api/v1/auth/me", token);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.detail()).contains("expired");
    }

    @Test
    void loginTokensAreListedApartFromNamedTokensAndExpiredOnesDisappear() {
        ApiClient api = api();
        String email = api.signUpNewUser();
        String first = api.login(email, USER_PASSWORD);
        api.login(email, USER_PASSWORD);
        Response created = api.post("/api/v1/auth/tokens", Map.of("name", "backup script"), first);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("secret").asString()).startsWith("lbx_");
        assertThat(created.json().get("token").get("kind").asString()).isEqualTo("NAMED");
        assertThat(created.json().get("token").get("expiresAt").isNull()).isTrue();
        String named = created.json().get("secret").asString();

        JsonNode list = api.get("/api/v1/auth/tokens", named).json();
        assertThat(list.get("named").values()).extracting(t -> t.get("name").asString()).containsExactly("backup script");
        assertThat(list.get("logins").values()).hasSize(2)
                .allSatisfy(t -> {
                    assertThat(t.get("kind").asString()).isEqualTo("LOGIN");
                    assertThat(t.get("name").asString()).startsWith("API login ");
                    assertThat(Instant.parse(t.get("expiresAt").asString())).isAfter(Instant.now().plus(Duration.ofDays(29)));
                });

        clock.advance(Duration.ofDays(31));
        JsonNode later = api.get("/api/v1/auth/tokens", named).json();
        assertThat(later.get("logins").values()).as("both login tokens lapsed").isEmpty();
        assertThat(later.get("named").values()).hasSize(1);
        assertThat(api.get("/api/v1/auth/me", first).status()).isEqualTo(401);
    }

    @Test
    void aNamedTokenWithAnExpiryStopsWorkingThenAndOneInThePastIsRefused() {
        ApiClient api = api();
        String email = api.signUpNewUser();
        String login = api.login(email, USER_PASSWORD);
        Instant in7Days = Instant.now().plus(Duration.ofDays(7));
        Response created = api.post("/api/v1/auth/tokens", Map.of("name", "ci", "expiresAt", in7Days.toString()), login);
        assertThat(created.status()).isEqualTo(201);
        assertThat(Instant.parse(created.json().get("token").get("expiresAt").asString())).isEqualTo(in7Days);
        String ci = created.json().get("secret").asString();
        assertThat(api.get("/api/v1/auth/me", ci).status()).isEqualTo(200);

        clock.advance(Duration.ofDays(7).plusMinutes(1));
        assertThat(api.get("/api/v1/auth/me", ci).status()).isEqualTo(401);

        var past = new HashMap<String, Object>(Map.of("name", "old", "expiresAt", Instant.now().toString()));
        Response refused = api.post("/api/v1/auth/tokens", past, api.login(email, USER_PASSWORD));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.detail()).startsWith("expiresAt:");
    }

    @Test
    void aTokenCanBeRevokedByIdAndAnotherUsersIdIsNotFound() {
        ApiClient api = api();
        String token = api.login(api.signUpNewUser(), USER_PASSWORD);
        String other = api.login(api.signUpNewUser(), USER_PASSWORD);
        String id = api.post("/api/v1/auth/tokens", Map.of("name", "temp"), token).json().get("token").get("id").asString();
        assertThat(api.delete("/api/v1/auth/tokens/" + id, other).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/auth/tokens/" + id, token).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/auth/tokens", token).json().get("named").values()).isEmpty();
    }

    @Test
    void changingThePasswordRevokesOtherLoginTokensButNotTheCallerNorNamedTokens() {
        ApiClient api = api();
        String email = api.signUpNewUser();
        String caller = api.login(email, USER_PASSWORD);
        String otherLogin = api.login(email, USER_PASSWORD);
        String named = api.post("/api/v1/auth/tokens", Map.of("name", "sync"), caller).json().get("secret").asString();

        Response wrongCurrent = api.post("/api/v1/auth/password",
                Map.of("currentPassword", "not-it", "newPassword", "marble-Falcon-thistle-77"), caller);
        assertThat(wrongCurrent.status()).isEqualTo(400);
        assertThat(wrongCurrent.detail()).startsWith("currentPassword:");
        Response weak = api.post("/api/v1/auth/password", Map.of("currentPassword", USER_PASSWORD, "newPassword", "password1"), caller);
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.detail()).startsWith("password:");
        assertThat(api.get("/api/v1/auth/me", otherLogin).status()).as("refused changes revoke nothing").isEqualTo(200);

        Response changed = api.post("/api/v1/auth/password",
                Map.of("currentPassword", USER_PASSWORD, "newPassword", "marble-Falcon-thistle-77"), caller);
        assertThat(changed.status()).isEqualTo(204);
        assertThat(api.get("/api/v1/auth/me", otherLogin).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/auth/me", caller).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/auth/me", named).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/auth/login", Map.of("email", email, "password", USER_PASSWORD)).status()).isEqualTo(401);
        assertThat(api.login(email, "marble-Falcon-thistle-77")).startsWith("lbx_");
    }
}
