package dev.lightbox.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.support.ApiClient.Response;
import dev.lightbox.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The login throttle over HTTP: atomic counting, no lock-out of the owner by strangers, one wait in header and text. */
class LoginThrottleApiTest extends IntegrationTest {

    private static final Pattern WAIT = Pattern.compile("Try again in (\\d+) (seconds?|minutes?)\\.");

    @Test
    void thirtyParallelWrongPasswordsGetAtMostFiveGuesses() throws Exception {
        var api = api();
        String email = api.signUpNewUser();
        int parallel = 30;
        var start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(parallel)) {
            for (int i = 0; i < parallel; i++) {
                String guess = "wrong-guess-" + i;
                answers.add(threads.submit(() -> {
                    start.await();
                    return api.post("/api/v1/auth/login", Map.of("email", email, "password", guess)).status();
                }));
            }
            start.countDown();
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) statuses.add(answer.get());

        assertThat(statuses).as("every answer is a wrong password or a refusal").allMatch(s -> s == 401 || s == 429);
        assertThat(statuses.stream().filter(s -> s == 401).count()).as("guesses that reached the password check").isEqualTo(5);
    }

    @Test
    void aStrangersFailuresDoNotStopTheOwnerSigningInFromTheirOwnAddress() {
        var api = api();
        String victim = api.signUpNewUser();
        for (int i = 0; i < 5; i++) {
            assertThat(api.postFrom("203.0.113.7", "/api/v1/auth/login", Map.of("email", victim, "password", "guess-" + i)).status())
                    .isEqualTo(401);
        }
        assertThat(api.postFrom("203.0.113.7", "/api/v1/auth/login", Map.of("email", victim, "password", USER_PASSWORD)).status())
                .as("the stranger's address is refused for this email, even with the right password").isEqualTo(429);

        Response owner = api.postFrom("198.51.100.9", "/api/v1/auth/login", Map.of("email", victim, "password", USER_PASSWORD));
        assertThat(owner.status()).as(owner.body()).isEqualTo(200);
        assertThat(owner.json().get("token").asString()).startsWith("lbx_");
    }

    @Test
    void retryAfterSaysTheSameWaitAsTheText() {
        var api = api();
        String email = api.signUpNewUser();
        for (int i = 0; i < 5; i++) api.post("/api/v1/auth/login", Map.of("email", email, "password", "guess-" + i));

        var refused = api.post("/api/v1/auth/login", Map.of("email", email, "password", USER_PASSWORD));
        assertThat(refused.status()).isEqualTo(429);
        Matcher said = WAIT.matcher(refused.detail());
        assertThat(said.find()).as(refused.detail()).isTrue();
        long seconds = Long.parseLong(said.group(1)) * (said.group(2).startsWith("minute") ? 60 : 1);
        assertThat(refused.header("Retry-After")).isEqualTo(String.valueOf(seconds));
        assertThat(seconds).as("the 15-minute window").isEqualTo(900);
    }
}
