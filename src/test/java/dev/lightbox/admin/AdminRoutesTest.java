package dev.lightbox.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route under /api/v1/admin/, as the application maps it (so routes added later are covered too): a USER's
 * token gets 403 and no token 401, both as problem+json, whatever the method and body.
 */
class AdminRoutesTest extends IntegrationTest {

    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    private final HttpClient http = HttpClient.newHttpClient();

    record Route(String method, String path) {
    }

    @Test
    void everyAdminRouteAnswers403ToAUserAnd401WithoutAToken() throws Exception {
        List<Route> routes = new ArrayList<>();
        Set<String> paths = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/v1/admin/")) continue;
                paths.add(pattern);
                String path = pattern.replaceAll("\\{[^}]+}", "cpu");
                if (methods.isEmpty()) routes.add(new Route("GET", path));
                methods.forEach(method -> routes.add(new Route(method.name(), path)));
            }
        });
        assertThat(paths).as("the routes this test must see at least").contains("/api/v1/admin/users", "/api/v1/admin/users/{id}",
                "/api/v1/admin/users/{id}/credits", "/api/v1/admin/audit", "/api/v1/admin/transform-models", "/api/v1/admin/jobs/diagnostics");

        String user = api().newUser().token();
        List<String> wrong = new ArrayList<>();
        for (Route route : routes) {
            int asUser = send(route, user);
            int anonymous = send(route, null);
            if (asUser != 403 || anonymous != 401) wrong.add(route + ": user " + asUser + ", no token " + anonymous);
        }
        assertThat(wrong).as("admin routes a user or anonymous caller reaches").isEmpty();
    }

    private int send(Route route, String token) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + route.path()))
                .header("Content-Type", "application/json")
                .method(route.method(), route.method().equals("GET") || route.method().equals("HEAD") || route.method().equals("OPTIONS")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (token != null) builder.header("Authorization", "Bearer " + token);
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(route.toString()).startsWith("application/problem+json");
        }
        return response.statusCode();
    }
}
