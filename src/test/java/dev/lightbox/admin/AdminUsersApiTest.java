package dev.lightbox.admin;

import static dev.lightbox.admin.AuditLogApiTest.items;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.ApiClient.Response;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import tools.jackson.databind.JsonNode;

/** GET/PUT /api/v1/admin/users: the cursor list with each user's numbers, disabling, enabling and the admin role. */
class AdminUsersApiTest extends IntegrationTest {

    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    @Autowired JdbcTemplate jdbc;
    @Autowired List<AuthenticationProvider> providers;

    @Test
    void aDisabledUsersTokensStopAtOnceAndSignInIsRefusedWithTheReasonUntilEnabled() throws Exception {
        ApiClient api = api();
        ApiClient.User user = api.newUser();
        String named = api.post("/api/v1/auth/tokens", Map.of("name", "script"), user.token()).json().get("secret").asString();
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String path = "/api/v1/admin/users/" + user.id();

        Response disabled = api.put(path, Map.of("disabled", true, "reason", "Spam uploads"), admin);
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().get("disabled").asBoolean()).isTrue();
        assertThat(disabled.json().get("disabledReason").asString()).isEqualTo("Spam uploads");
        assertThat(disabled.json().get("role").asString()).isEqualTo("USER");

        assertThat(api.get("/api/v1/auth/me", user.token()).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/auth/me", named).status()).isEqualTo(401);
        Response login = api.post("/api/v1/auth/login", Map.of("email", user.email(), "password", USER_PASSWORD));
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.contentType()).startsWith("application/problem+json");
        assertThat(login.detail()).contains("disabled").contains("Spam uploads");
        // a wrong password learns nothing about the account
        assertThat(api.post("/api/v1/auth/login", Map.of("email", user.email(), "password", "wrong-Password-99")).status()).isEqualTo(401);
        formLoginIsRefused(user.email());
        // what the login form shows: the message of the refusal the form's provider throws
        assertThatThrownBy(() -> providers.stream().filter(p -> p.supports(UsernamePasswordAuthenticationToken.class)).findFirst().orElseThrow()
                .authenticate(UsernamePasswordAuthenticationToken.unauthenticated(user.email(), USER_PASSWORD)))
                .isInstanceOf(DisabledException.class).hasMessage("This account is disabled by an admin: Spam uploads");

        Response enabled = api.put(path, Map.of("disabled", false), admin);
        assertThat(enabled.status()).isEqualTo(200);
        assertThat(enabled.json().get("disabled").asBoolean()).isFalse();
        assertThat(enabled.json().get("disabledReason").isNull()).isTrue();
        assertThat(api.get("/api/v1/auth/me", user.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/auth/me", named).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/auth/login", Map.of("email", user.email(), "password", USER_PASSWORD)).status()).isEqualTo(200);

        List<JsonNode> audit = items(api.get("/api/v1/admin/audit?target=" + user.id(), admin));
        assertThat(audit).extracting(e -> e.get("action").asString()).containsExactly("user.enable", "user.disable");
        assertThat(audit.get(1).get("detail").asString()).isEqualTo("Disabled " + user.email() + ": Spam uploads");
        assertThat(audit.get(1).get("actorEmail").asString()).isEqualTo(ADMIN_EMAIL);
        assertThat(audit.get(1).get("targetType").asString()).isEqualTo("user");

        assertThat(api.put("/api/v1/admin/users/" + java.util.UUID.randomUUID(), Map.of("disabled", true), admin).status()).isEqualTo(404);
        assertThat(api.put(path, Map.of("disabled", true, "reason", "x".repeat(301)), admin).status()).isEqualTo(400);
        assertThat(api.put(path, Map.of("disabled", "soon"), admin).status()).isEqualTo(400);
        assertThat(api.put(path, Map.of("disabled", true), user.token()).status()).isEqualTo(403);
    }

    @Test
    void theLastEnabledAdminCannotBeDemotedOrDisabledAndConcurrentDemotionsCannotBothWin() {
        ApiClient api = api();
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String adminId = api.get("/api/v1/auth/me", admin).json().get("id").asString();
        ApiClient.User second = api.newUser();
        try {
            Response self = api.put("/api/v1/admin/users/" + adminId, Map.of("disabled", true), admin);
            assertThat(self.status()).isEqualTo(409);
            assertThat(self.contentType()).startsWith("application/problem+json");
            assertThat(self.detail()).contains("your own account");
            Response last = api.put("/api/v1/admin/users/" + adminId, Map.of("admin", false), admin);
            assertThat(last.status()).isEqualTo(409);
            assertThat(last.detail()).contains("last enabled admin");

            for (int round = 0; round < 2; round++) {
                Response made = api.put("/api/v1/admin/users/" + second.id(), Map.of("admin", true), admin);
                assertThat(made.status()).isEqualTo(200);
                assertThat(made.json().get("role").asString()).isEqualTo("ADMIN");
                String secondToken = second.token();
                var demoteSecond = CompletableFuture.supplyAsync(() -> api.put("/api/v1/admin/users/" + second.id(), Map.of("admin", false), admin));
                var demoteFirst = CompletableFuture.supplyAsync(() -> api.put("/api/v1/admin/users/" + adminId, Map.of("admin", false), secondToken));
                List<Integer> statuses = List.of(demoteSecond.join().status(), demoteFirst.join().status());
                // one wins; the other is refused as the last admin (409) or, once the winner committed, for no longer being one (403)
                assertThat(statuses).as("round %d", round).containsOnlyOnce(200).allMatch(status -> List.of(200, 403, 409).contains(status));
                if (statuses.get(1) == 200) { // the shared admin lost its role: the second gives it back, then steps down
                    assertThat(api.put("/api/v1/admin/users/" + adminId, Map.of("admin", true), secondToken).status()).isEqualTo(200);
                    assertThat(api.put("/api/v1/admin/users/" + second.id(), Map.of("admin", false), admin).status()).isEqualTo(200);
                }
            }
            List<JsonNode> audit = items(api.get("/api/v1/admin/audit?target=" + second.id() + "&action=user.make-admin", admin));
            assertThat(audit).hasSize(2);
            assertThat(audit.getFirst().get("detail").asString()).isEqualTo("Made " + second.email() + " an admin");
        } finally {
            jdbc.update("update users set role = 'ADMIN', disabled_at = null where email = ?", ADMIN_EMAIL);
            jdbc.update("update users set role = 'USER' where id = ?", second.id());
        }
    }

    @Test
    void theCursorListShowsEachUsersPhotosBytesCreditsAndLastSignIn() {
        ApiClient api = api();
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        ApiClient.User user = api.newUser();
        byte[] first = TestImages.jpeg(64, 48, 101);
        byte[] second = TestImages.jpeg(80, 60, 102);
        assertThat(api.upload("a.jpg", first, user.token()).status()).isEqualTo(201);
        assertThat(api.upload("b.jpg", second, user.token()).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/admin/users/" + user.id() + "/credits", Map.of("amount", 9, "reason", "Welcome"), admin).status())
                .isEqualTo(201);
        ApiClient.User idle = api.newUser();

        List<JsonNode> all = new ArrayList<>();
        String cursor = "";
        do {
            Response page = api.get("/api/v1/admin/users?limit=200&cursor=" + cursor, admin);
            assertThat(page.status()).isEqualTo(200);
            page.json().get("items").forEach(all::add);
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asString();
        } while (cursor != null);
        assertThat(all.getFirst().get("email").asString()).as("oldest first: the admin made at startup").isEqualTo(ADMIN_EMAIL);
        assertThat(new HashSet<>(all.stream().map(u -> u.get("id").asString()).toList())).hasSize(all.size());
        for (int i = 1; i < all.size(); i++) {
            assertThat(Instant.parse(all.get(i).get("createdAt").asString())).isAfterOrEqualTo(Instant.parse(all.get(i - 1).get("createdAt").asString()));
        }
        JsonNode row = all.stream().filter(u -> u.get("id").asString().equals(user.id().toString())).findFirst().orElseThrow();
        assertThat(row.get("email").asString()).isEqualTo(user.email());
        assertThat(row.get("photos").asLong()).isEqualTo(2);
        assertThat(row.get("bytes").asLong()).isEqualTo(first.length + second.length);
        assertThat(row.get("credits").asLong()).isEqualTo(9);
        assertThat(row.get("lastSignInAt").isNull()).isFalse();
        assertThat(row.get("disabled").asBoolean()).isFalse();
        JsonNode none = all.stream().filter(u -> u.get("id").asString().equals(idle.id().toString())).findFirst().orElseThrow();
        assertThat(List.of(none.get("photos").asLong(), none.get("bytes").asLong(), none.get("credits").asLong())).containsOnly(0L);

        // small pages, following the cursor, give the same users in the same order
        List<String> paged = new ArrayList<>();
        cursor = "";
        for (int i = 0; i < 3 && cursor != null; i++) {
            Response page = api.get("/api/v1/admin/users?limit=2&cursor=" + cursor, admin);
            assertThat(page.json().get("items").size()).isLessThanOrEqualTo(2);
            page.json().get("items").forEach(u -> paged.add(u.get("id").asString()));
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asString();
        }
        assertThat(paged).isEqualTo(all.subList(0, paged.size()).stream().map(u -> u.get("id").asString()).toList());
        // the email search finds one user by a part of the address; LIKE's wildcards are plain characters in it
        String part = user.email().substring(0, user.email().indexOf('@'));
        Response found = api.get("/api/v1/admin/users?email=" + part.toUpperCase(java.util.Locale.ROOT), admin);
        assertThat(found.json().get("items")).hasSize(1);
        assertThat(found.json().get("items").get(0).get("id").asString()).isEqualTo(user.id().toString());
        String anyChar = part.replace('-', '_'); // as a LIKE wildcard, '_' would match the '-'
        assertThat(api.get("/api/v1/admin/users?email=" + anyChar, admin).json().get("items")).as("'_' is no wildcard").isEmpty();
        String anything = part.substring(0, 5) + "%25" + part.substring(part.length() - 4); // user-%<last 4>
        assertThat(api.get("/api/v1/admin/users?email=" + anything, admin).json().get("items")).as("'%' is no wildcard").isEmpty();
        for (String bad : List.of("limit=0", "limit=201", "cursor=nonsense")) {
            assertThat(api.get("/api/v1/admin/users?" + bad, admin).status()).as(bad).isEqualTo(400);
        }
    }

    /** Posts the browser's login form with the right password: it is sent back to the login page with an error. */
    private void formLoginIsRefused(String email) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String page = browser.send(HttpRequest.newBuilder(url("/login")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = CSRF_META.matcher(page);
        assertThat(token.find()).isTrue();
        String form = "username=" + enc(email) + "&password=" + enc(USER_PASSWORD) + "&_csrf=" + enc(token.group(1));
        HttpResponse<String> posted = browser.send(HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "http://localhost:" + port)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(posted.headers().firstValue("Location").orElseThrow()).contains("/login?error");
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
