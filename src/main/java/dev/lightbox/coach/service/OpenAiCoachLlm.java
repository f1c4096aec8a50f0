package dev.lightbox.coach.service;

import dev.lightbox.base.LightboxStartupException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.util.json.schema.JsonSchemaGenerator;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The coach's language-model path: Spring AI's OpenAI chat model (built here against {@code LIGHTBOX_COACH_LLM_URL}),
 * streamed, with one tool per {@link CoachTool} bean. The tool callbacks are built per question and close over the
 * caller's id, so a model's arguments can never name another user; the model sees the system prompt, the question and
 * the tools' results, nothing else. The tool loop runs here (at most {@link #MAX_ROUNDS} model calls); the whole answer
 * is bounded by {@code LIGHTBOX_COACH_LLM_TIMEOUT} and {@link #MAX_ANSWER_CHARS}.
 */
@Component
@Conditional(CoachLlmConfigured.class)
public class OpenAiCoachLlm implements CoachLlm {

    /** Model calls per answer: tool rounds plus the final answer. */
    public static final int MAX_ROUNDS = 5;
    /** Tool calls the model may ask for in one turn; more ends the answer (each one is a query). */
    public static final int MAX_CALLS_PER_ROUND = 8;
    /** Facts kept in one answer (the page draws each one). */
    public static final int MAX_FACTS = 40;
    /** The HTTP client's own timeout is this much longer than the answer's, so the answer's deadline always comes first. */
    private static final Duration CLIENT_MARGIN = Duration.ofSeconds(5);
    /** Longest answer text kept (and streamed); the rest is cut. */
    public static final int MAX_ANSWER_CHARS = 4000;
    /** How often a waiting answer looks whether it was cancelled. */
    private static final Duration POLL = Duration.ofMillis(100);

    static final String SYSTEM_PROMPT = """
            You are the photo coach of Lightbox, a personal photo library. Answer the user's question about their own \
            photos, scores, labels, ratings, jobs and skin diary using only the results of the tools you call. Call a \
            tool for every number you state and cite the numbers exactly as the tools returned them. Never invent data. \
            If no tool can answer the question, say so and name what you can answer. Keep the answer short: a few \
            plain sentences, no tables.""";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OpenAiChatModel chat;
    private final OpenAiChatOptions options;
    private final Duration timeout;
    private final CoachTools tools;
    private final List<CoachTool<?>> all;
    private final Map<String, ToolDefinition> definitions;

    public OpenAiCoachLlm(CoachLlmProperties properties, CoachTools tools) {
        String problem = properties.problem();
        if (problem != null) {
            throw new LightboxStartupException(problem, "Set LIGHTBOX_COACH_LLM_MODEL (and LIGHTBOX_COACH_LLM_URL to the server's /v1 base URL), or unset LIGHTBOX_COACH_LLM_URL to answer from the built-in rules only.");
        }
        String url = Objects.requireNonNull(properties.url()).strip();
        String apiKey = properties.apiKey();
        this.timeout = properties.timeout();
        this.tools = tools;
        this.all = tools.all();
        this.options = OpenAiChatOptions.builder()
                .baseUrl(url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                // empty: Spring AI's no-auth mode (no Authorization header), never the OPENAI_API_KEY of the environment
                .apiKey(apiKey == null ? "" : apiKey)
                .model(Objects.requireNonNull(properties.model()).strip())
                .timeout(timeout.plus(CLIENT_MARGIN))
                .maxRetries(0) // a retry would stream the same answer twice; the rules answer instead
                .temperature(0.1)
                .maxTokens(1024)
                .build();
        this.chat = OpenAiChatModel.builder().options(options).build();
        this.definitions = all.stream().collect(Collectors.toUnmodifiableMap(CoachTool::name, tool ->
                ToolDefinition.builder().name(tool.name()).description(tool.description())
                        .inputSchema(JsonSchemaGenerator.generateForType(tool.input())).build()));
    }

    @Override
    public CoachAnswer answer(UUID userId, String question, Consumer<String> tokens, BooleanSupplier cancelled) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Called> called = new ArrayList<>();
        List<ToolCallback> callbacks = all.stream().map(tool -> callback(tool.name(), userId, called)).toList();
        Map<String, ToolCallback> byName = callbacks.stream()
                .collect(Collectors.toUnmodifiableMap(c -> c.getToolDefinition().name(), Function.identity()));
        OpenAiChatOptions request = options.mutate().toolCallbacks(callbacks).build();
        List<Message> messages = new ArrayList<>(List.of(new SystemMessage(SYSTEM_PROMPT), new UserMessage(question)));
        StringBuilder answer = new StringBuilder();
        for (int round = 1; ; round++) {
            Turn turn = stream(new Prompt(List.copyOf(messages), request), answer, tokens, cancelled, deadline);
            if (turn.toolCalls().isEmpty() || answer.length() >= MAX_ANSWER_CHARS) break;
            if (round == MAX_ROUNDS) throw new CoachLlmException("the model asked for tools more than " + (MAX_ROUNDS - 1) + " times");
            if (turn.toolCalls().size() > MAX_CALLS_PER_ROUND) {
                throw new CoachLlmException("the model asked for more than " + MAX_CALLS_PER_ROUND + " tools at once");
            }
            messages.add(AssistantMessage.builder().content(turn.text()).toolCalls(turn.toolCalls()).build());
            List<ToolResponseMessage.ToolResponse> responses = new ArrayList<>();
            for (AssistantMessage.ToolCall call : turn.toolCalls()) {
                if (cancelled.getAsBoolean()) throw new CoachLlmException("cancelled");
                if (System.nanoTime() - deadline >= 0) throw timedOut();
                ToolCallback callback = byName.get(call.name());
                if (callback == null) throw new CoachLlmException("the model called an unknown tool");
                responses.add(new ToolResponseMessage.ToolResponse(call.id(), call.name(), callback.call(call.arguments())));
            }
            messages.add(ToolResponseMessage.builder().responses(responses).build());
        }
        String text = answer.toString().strip();
        if (text.isEmpty()) throw new CoachLlmException("the model answered with no text");
        return answer(text, called);
    }

    private static CoachAnswer answer(String text, List<Called> called) {
        LinkedHashSet<Fact> facts = new LinkedHashSet<>(); // a tool called twice with the same answer counts once
        LinkedHashSet<UUID> photos = new LinkedHashSet<>();
        Chart chart = null;
        LinkedHashSet<String> functions = new LinkedHashSet<>();
        for (Called call : called) {
            for (Fact fact : call.result().facts()) {
                if (facts.size() < MAX_FACTS) facts.add(fact);
            }
            photos.addAll(call.result().photos());
            if (chart == null) chart = call.result().chart();
            functions.add(call.name());
        }
        String intent = called.isEmpty() ? "llm" : called.getFirst().name();
        return new CoachAnswer(text, intent, List.copyOf(facts), List.copyOf(photos), chart, CoachSource.LLM, List.copyOf(functions));
    }

    /** One model turn: the text it streamed and the tools it asked for. */
    private record Turn(String text, List<AssistantMessage.ToolCall> toolCalls) {
    }

    /** A tool that ran for this answer, with what it returned. */
    private record Called(String name, ToolResult result) {
    }

    private static final Object DONE = new Object();

    private record Failed(Throwable error) {
    }

    /**
     * Streams one model call: text pieces go to {@code tokens} (on this thread, in order) and into {@code answer}; the
     * wait is bounded by the deadline and stops when {@code cancelled} turns true.
     */
    private Turn stream(Prompt prompt, StringBuilder answer, Consumer<String> tokens, BooleanSupplier cancelled, long deadline) {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Disposable subscription = chat.stream(prompt).subscribe(events::add, error -> events.add(new Failed(error)), () -> events.add(DONE));
        StringBuilder text = new StringBuilder();
        List<AssistantMessage.ToolCall> toolCalls = new ArrayList<>();
        try {
            while (true) {
                if (cancelled.getAsBoolean()) throw new CoachLlmException("cancelled");
                long left = deadline - System.nanoTime();
                if (left <= 0) throw timedOut();
                Object event = events.poll(Math.min(left, POLL.toNanos()), TimeUnit.NANOSECONDS);
                if (event == null) continue;
                if (event == DONE) return new Turn(text.toString(), List.copyOf(toolCalls));
                if (event instanceof Failed failed) {
                    // a failure at or after the deadline (the client's own timeout, a reset) is the answer's timeout
                    if (System.nanoTime() - deadline >= 0) throw timedOut();
                    throw new CoachLlmException("the model server failed: " + summary(failed.error()), failed.error());
                }
                Generation generation = ((ChatResponse) event).getResult();
                if (generation == null) continue;
                AssistantMessage output = generation.getOutput();
                toolCalls.addAll(output.getToolCalls());
                String piece = output.getText();
                if (piece == null || piece.isEmpty()) continue;
                if (text.isEmpty() && !answer.isEmpty() && !Character.isWhitespace(answer.charAt(answer.length() - 1))) {
                    piece = "\n\n" + piece; // a new round's text starts a new paragraph after what the model said before its tool calls
                }
                int room = MAX_ANSWER_CHARS - answer.length();
                if (piece.length() > room) piece = piece.substring(0, room);
                text.append(piece);
                answer.append(piece);
                tokens.accept(piece);
                if (answer.length() >= MAX_ANSWER_CHARS) return new Turn(text.toString(), List.of());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoachLlmException("interrupted", e);
        } finally {
            subscription.dispose(); // closes the HTTP stream when it is still open
        }
    }

    /**
     * The tool {@code name} as a callback for this question: it runs for {@code userId} (from the session, never from the
     * arguments). Arguments the tool refuses (unknown fields such as a user id, wrong types, too long) go back to the
     * model as {@code {"error": …}} so it can correct them within {@link #MAX_ROUNDS}; a tool that fails ends the answer.
     */
    private ToolCallback callback(String name, UUID userId, List<Called> called) {
        ToolDefinition definition = Objects.requireNonNull(definitions.get(name));
        return new ToolCallback() {
            @Override
            public ToolDefinition getToolDefinition() {
                return definition;
            }

            @Override
            public String call(String arguments) {
                ToolResult result;
                try {
                    result = tools.call(userId, name, arguments);
                } catch (IllegalArgumentException refused) {
                    return JSON.writeValueAsString(Map.of("error", String.valueOf(refused.getMessage())));
                } catch (RuntimeException e) {
                    throw new CoachLlmException("the tool " + name + " failed: " + summary(e), e);
                }
                synchronized (called) {
                    called.add(new Called(name, result));
                }
                return JSON.writeValueAsString(result);
            }
        };
    }

    private CoachLlmException timedOut() {
        return new CoachLlmException("no answer within " + seconds(timeout) + ", the LIGHTBOX_COACH_LLM_TIMEOUT");
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** The exception's class and first line, without anything the server echoed at length. */
    private static String summary(Throwable error) {
        Throwable t = error;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("");
        if (message.length() > 160) message = message.substring(0, 160) + "…";
        return t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
