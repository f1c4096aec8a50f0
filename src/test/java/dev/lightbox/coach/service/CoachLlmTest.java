package dev.lightbox.coach.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.coach.domain.CoachRepository;
import dev.lightbox.skin.service.SkinDiaryService;
import dev.lightbox.support.ApiClient;
import dev.lightbox.support.IntegrationTest;
import dev.lightbox.support.TestImages;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import tools.jackson.databind.JsonNode;

/**
 * The coach's language-model path against a loopback OpenAI-compatible server that streams tool calls and text: the
 * real {@link OpenAiCoachLlm} (Spring AI's OpenAI client) over the real coach tools of the shared context.
 */
class CoachLlmTest extends IntegrationTest {

    private static OpenAiCoachStub stub;

    @Autowired
    private CoachTools tools;
    @Autowired
    private QuestionParser parser;
    @Autowired
    private CoachRepository repository;
    @Autowired
    private SkinDiaryService skin;
    @Autowired
    private DatePhrases dates;

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

    /** The coach service as the app builds it, with this language model configured. */
    private CoachService coachWith(CoachLlm llm) {
        return new CoachService(parser, tools, new StaticListableBeanFactory(Map.of("coachLlm", llm)).getBeanProvider(CoachLlm.class),
                repository, skin, dates);
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
        ApiClient.User caller = userWithPhotos(1);
        ApiClient.User other = userWithPhotos(2);
        stub.script(List.of(
                        new OpenAiCoachStub.Call("count_photos", "{}"),
                        new OpenAiCoachStub.Call("count_photos", "{\"userId\":\"" + other.id() + "\",\"user\":\"" + other.id() + "\"}")),
                List.of("You took ", "1 photo ", "in all", "."));
        List<String> pieces = new CopyOnWriteArrayList<>();

        CoachAnswer answer = llm(stub.baseUrl(), Duration.ofSeconds(30)).answer(caller.id(), "How many photos do I have?", pieces::add, () -> false);

        assertThat(pieces).containsExactly("You took ", "1 photo ", "in all", ".");
        assertThat(answer.answer()).isEqualTo(String.join("", pieces));
        assertThat(answer.source()).isEqualTo(CoachSource.LLM);
        assertThat(answer.intent()).isEqualTo("count_photos");
        assertThat(answer.functions()).containsExactly("count_photos");
        assertThat(answer.facts()).contains(new Fact("photos", "1")).doesNotContain(new Fact("photos", "2"));

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
        assertThat(messages.get(3).get("content").asString()).contains("\"name\":\"photos\",\"value\":\"1\"");
        // the call that named another user is refused back to the model, never run for that user
        assertThat(messages.get(4).get("content").asString()).contains("\"error\"").doesNotContain("\"value\":\"2\"");
        String everything = requests.toString();
        assertThat(everything).doesNotContain(caller.email()).doesNotContain(other.email())
                .doesNotContain(caller.id().toString()).doesNotContain("p0.jpg");
    }

    @Test
    void aServerThatNeverAnswersFallsBackToTheRules() {
        ApiClient.User caller = userWithPhotos(1);
        stub.hang();
        CoachLlm llm = llm(stub.baseUrl(), Duration.ofMillis(800));
        assertThatThrownBy(() -> llm.answer(caller.id(), "How many photos?", piece -> { }, () -> false))
                .isInstanceOf(CoachLlmException.class).hasMessageContaining("LIGHTBOX_COACH_LLM_TIMEOUT");

        List<String> pieces = new CopyOnWriteArrayList<>();
        CoachAnswer answer = coachWith(llm).ask(caller.id(), "How many photos did I take this year?", pieces::add, () -> false);
        assertThat(answer.source()).isEqualTo(CoachSource.RULES);
        assertThat(answer.answer()).startsWith("The language model did not answer (").contains("LIGHTBOX_COACH_LLM_TIMEOUT")
                .contains("so this answer comes from the built-in rules.");
        CoachAnswer rules = coachWith(llm).rules(caller.id(), "How many photos did I take this year?");
        assertThat(answer.answer()).endsWith(rules.answer());
        assertThat(answer.facts()).isEqualTo(rules.facts()).isNotEmpty();
        assertThat(String.join("", pieces)).endsWith(answer.answer());
    }

    @Test
    void anUnreachableServerFallsBackToTheRules() throws IOException {
        ApiClient.User caller = userWithPhotos(1);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CoachLlm llm = llm("http://127.0.0.1:" + closedPort + "/v1", Duration.ofSeconds(10));
        CoachAnswer answer = coachWith(llm).ask(caller.id(), "How many photos did I take this year?");
        assertThat(answer.source()).isEqualTo(CoachSource.RULES);
        assertThat(answer.answer()).startsWith("The language model did not answer (the model server failed");
        assertThat(answer.facts()).isEqualTo(coachWith(llm).rules(caller.id(), "How many photos did I take this year?").facts()).isNotEmpty();
    }

    @Test
    void cancellingStopsTheWaitAndGivesNoRulesAnswer() {
        ApiClient.User caller = api().newUser();
        stub.hang();
        var asked = new AtomicInteger();
        CoachLlm llm = llm(stub.baseUrl(), Duration.ofSeconds(30));
        assertThatThrownBy(() -> llm.answer(caller.id(), "How many photos?", piece -> { }, () -> asked.incrementAndGet() > 3))
                .isInstanceOf(CoachLlmException.class).hasMessage("cancelled");

        List<String> pieces = new CopyOnWriteArrayList<>();
        CoachAnswer answer = coachWith(llm).ask(caller.id(), "How many photos?", pieces::add, () -> true);
        assertThat(answer).isSameAs(CoachService.CANCELLED);
        assertThat(pieces).isEmpty();
    }

    @Test
    void aModelAskingForTooManyToolsAtOnceIsStoppedBeforeAnyRuns() {
        ApiClient.User caller = api().newUser();
        List<OpenAiCoachStub.Call> calls = new ArrayList<>();
        for (int i = 0; i <= OpenAiCoachLlm.MAX_CALLS_PER_ROUND; i++) calls.add(new OpenAiCoachStub.Call("count_photos", "{}"));
        stub.script(calls, List.of("never"));
        assertThatThrownBy(() -> llm(stub.baseUrl(), Duration.ofSeconds(30)).answer(caller.id(), "How many photos?", piece -> { }, () -> false))
                .isInstanceOf(CoachLlmException.class).hasMessageContaining("more than " + OpenAiCoachLlm.MAX_CALLS_PER_ROUND + " tools");
        assertThat(stub.received()).hasSize(1); // the tools' results were never sent back: none ran
    }

    @Test
    void anyFailureOfTheModelPathFallsBackToTheRules() {
        ApiClient.User caller = userWithPhotos(1);
        CoachLlm broken = (user, question, tokens, cancelled) -> {
            throw new IllegalStateException("a bug quoting " + question);
        };
        CoachAnswer answer = coachWith(broken).ask(caller.id(), "How many photos did I take this year?");
        assertThat(answer.source()).isEqualTo(CoachSource.RULES);
        assertThat(answer.answer()).startsWith("The language model did not answer (it failed with IllegalStateException), so this answer")
                .doesNotContain("a bug quoting");
        assertThat(answer.facts()).isNotEmpty();
    }
}
