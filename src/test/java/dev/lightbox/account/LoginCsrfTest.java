package dev.lightbox.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.IntegrationTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The browser login form post needs the CSRF token of the page it came from: another site cannot sign a browser in. */
class LoginCsrfTest extends IntegrationTest {

    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @Test
    void aCrossSitePostWithoutTheTokenDoesNotSignIn() throws Exception {
        HttpResponse<String> forged = postLogin("username=" + encode(ADMIN_EMAIL) + "&password=" + encode(ADMIN_PASSWORD),
                "https://attacker.example");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("Location")).isEmpty();
        assertThat(signedIn()).as("the browser is not signed in").isFalse();
    }

    @Test
    void theLoginPagesTokenSignsIn() throws Exception {
        String page = browser.send(HttpRequest.newBuilder(url("/login")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = CSRF_META.matcher(page);
        assertThat(token.find()).as("the login page carries Spring's CSRF token for its form").isTrue();

        HttpResponse<String> login = postLogin("username=" + encode(ADMIN_EMAIL) + "&password=" + encode(ADMIN_PASSWORD)
                + "&_csrf=" + encode(token.group(1)), "http://localhost:" + port);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        assertThat(signedIn()).isTrue();
    }

    private HttpResponse<String> postLogin(String form, String origin) throws Exception {
        return browser.send(HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** /media/** needs a signed-in session: a missing photo is 404 when signed in, a redirect to the login page when not. */
    private boolean signedIn() throws Exception {
        int status = browser.send(HttpRequest.newBuilder(url("/media/photos/00000000-0000-0000-0000-000000000000/thumbnail")).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        assertThat(status).isIn(302, 401, 404);
        return status == 404;
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
