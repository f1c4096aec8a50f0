package dev.lightbox.coach.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The coach's language-model path against a loopback OpenAI-compatible server that streams tool calls and text: the
 * real {@link OpenAiCoachLlm} (Spring AI's OpenAI client) over the real coach tools of the shared context.
 */
class CoachLlmTest extends IntegrationTest {

    private static OpenAiCoachStub stub;

    @Autowired
    private List<CoachTool<?>> tools;

    @BeforeAll
    static void startStub() throws IOException {
        stub = new OpenAiCoachStub();
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    private OpenAiCoachLlm llm(String url, Duration timeout) {
        return new OpenAiCoachLlm(new CoachLlmProperties(url, "coach-model", null, timeout), tools);
    }

    private ApiClient.User userWithPhotos(int count) {
        ApiClient api = api();
        ApiClient.User user = api.newUser();
        for (int i = 0; i < count; i++) {
            assertThat(api.upload("p" + i + ".jpg", TestImages.jpeg(64, 48, System.nanoTime()), user.token()).status()).isEqualTo(201);
        }
        return user;
    }

    @Test
    void toolsRunInTheCallersScopeAndTheAnswerStreams() {
        ApiClient.User caller = userWithPhotos(2);
        ApiClient.User other = userWithPhotos(3);
        stub.script(List.of(
                        new OpenAiCoachStub.Call("count_photos", "{}"),
                        new OpenAiCoachStub.Call("count_photos", "{\"userId\":\"" + other.id() + "\",\"user\":\"" + other.id() + "\"}")),
                List.of("You took ", "2 photos ", "in all", "."));
        List<String> pieces = new CopyOnWriteArrayList<>();

        CoachAnswer answer = llm(stub.baseUrl(), Duration.ofSeconds(30)).answer(caller.id(), "How many photos do I have?", pieces::add, () -> false);

        assertThat(pieces).containsExactly("You took ", "2 photos ", "in all", ".");
        assertThat(answer.answer()).isEqualTo(String.join("", pieces));
        assertThat(answer.source()).isEqualTo(CoachSource.LLM);
        assertThat(answer.intent()).isEqualTo("count_photos");
        assertThat(answer.functions()).containsExactly("count_photos");
        assertThat(answer.facts()).contains(new Fact("photos", "2")).doesNotContain(new Fact("photos", "3"));

        List<JsonNode> requests = stub.received();
        assertThat(requests).hasSize(2);
        // the tools offered carry no user: the schema of count_photos has no such argument
        JsonNode offered = requests.getFirst().get("tools");
        assertThat(offered.toString()).contains("count_photos").doesNotContainIgnoringCase("\"user");
        // the second request: system prompt, question, the assistant's tool calls and the tools' results — nothing else
        JsonNode messages = requests.get(1).get("messages");
        List<String> roles = new ArrayList<>();
        messages.forEach(m -> roles.add(m.get("role").asString()));
        assertThat(roles).containsExactly("system", "user", "assistant", "tool", "tool");
        assertThat(messages.get(1).get("content").toString()).contains("How many photos do I have?");
        for (int i : new int[] {3, 4}) {
            String result = messages.get(i).get("content").asString();
            assertThat(result).contains("\"name\":\"photos\",\"value\":\"2\"").doesNotContain("\"value\":\"3\"");
        }
        String everything = requests.toString();
        assertThat(everything).doesNotContain(caller.email()).doesNotContain(other.email())
                .doesNotContain(caller.id().toString()).doesNotContain("p0.jpg");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        ApiClient.User caller = api().newUser();
        stub.hang();
        assertThatThrownBy(() -> llm(stub.baseUrl(), Duration.ofMillis(800)).answer(caller.id(), "How many photos?", piece -> { }, () -> false))
                .isInstanceOf(CoachLlmException.class).hasMessageContaining("LIGHTBOX_COACH_LLM_TIMEOUT");
    }

    @Test
    void anUnreachableServerFails() throws IOException {
        ApiClient.User caller = api().newUser();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> llm("http://127.0.0.1:" + closedPort + "/v1", Duration.ofSeconds(10)).answer(caller.id(), "How many photos?", piece -> { }, () -> false))
                .isInstanceOf(CoachLlmException.class).hasMessageContaining("failed");
    }
}
