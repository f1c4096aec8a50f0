package dev.lightbox.base;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.ApiClient.Response;
import dev.lightbox.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A typo in an API path is a 404 problem, never the web page; the API describes itself at /api/v1/openapi and /api/docs. */
class ApiShapeTest extends IntegrationTest {

    @Test
    void anUnknownApiPathAnswers404ProblemForEveryMethodSignedInOrNot() {
        ApiClient api = api();
        String token = api.login(api.signUpNewUser(), USER_PASSWORD);
        List<String> paths = List.of("/api/v1/photoz", "/api/v1/photos/x/y/z", "/api/v1/nothing-here");
        for (String bearer : new String[] {token, null}) {
            for (String path : paths) {
                List<Response> answers = new ArrayList<>(List.of(api.get(path, bearer), api.post(path, Map.of("a", 1), bearer),
                        api.put(path, Map.of("a", 1), bearer), api.delete(path, bearer)));
                for (Response answer : answers) {
                    String what = path + (bearer == null ? " without a token" : " with a token");
                    assertThat(answer.status()).as(what).isEqualTo(404);
                    assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
                    assertThat(answer.detail()).as(what).contains(path).contains("/api/docs");
                    assertThat(answer.body()).doesNotContain("<html");
                }
            }
        }
    }

    @Test
    void knownPathsStillNeedATokenAndAWrongMethodIsNot404() {
        ApiClient api = api();
        assertThat(api.get("/api/v1/photos", null).status()).isEqualTo(401);
        String token = api.login(api.signUpNewUser(), USER_PASSWORD);
        assertThat(api.delete("/api/v1/auth/login", token).status()).isEqualTo(405); // DELETE /api/v1/auth/me deletes the account
    }

    @Test
    void theOpenApiDocumentListsEveryEndpointTheBearerSchemeAndProblemResponses() {
        Response doc = api().get("/api/v1/openapi", null);
        assertThat(doc.status()).isEqualTo(200);
        JsonNode json = doc.json();
        assertThat(json.get("openapi").asString()).startsWith("3.");
        JsonNode paths = json.get("paths");
        for (String path : List.of("/api/v1/auth/signup", "/api/v1/auth/login", "/api/v1/auth/me", "/api/v1/auth/tokens",
                "/api/v1/auth/password", "/api/v1/photos", "/api/v1/photos/{id}", "/api/v1/jobs", "/api/v1/jobs/{id}/events",
                "/api/v1/scoring-configs", "/api/v1/models", "/api/v1/labels", "/api/v1/taste", "/api/v1/profile",
                "/api/v1/analysis", "/api/v1/admin/users", "/api/v1/trash", "/api/v1/trash/{photoId}", "/api/v1/trash/{photoId}/restore",
                "/api/v1/coach/ask", "/api/v1/coach/suggestions")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        assertThat(paths.propertyNames()).allMatch(path -> path.startsWith("/api/v1/"));

        JsonNode bearer = json.get("components").get("securitySchemes").get("bearer");
        assertThat(bearer.get("type").asString()).isEqualTo("http");
        assertThat(bearer.get("scheme").asString()).isEqualTo("bearer");
        assertThat(json.get("security").get(0).has("bearer")).isTrue();

        JsonNode listPhotos = paths.get("/api/v1/photos").get("get");
        for (String status : List.of("400", "401", "403", "404", "500", "503")) {
            JsonNode response = listPhotos.get("responses").get(status);
            assertThat(response).as(status).isNotNull();
            assertThat(response.get("content").has("application/problem+json")).as(status).isTrue();
        }
        JsonNode login = paths.get("/api/v1/auth/login").get("post");
        assertThat(login.get("security").values()).as("login needs no token").isEmpty();
    }

    @Test
    void swaggerUiIsServedAtApiDocs() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        String config = api().get("/api/v1/openapi/swagger-config", null).body();
        assertThat(config).contains("/api/v1/openapi");
    }
}
