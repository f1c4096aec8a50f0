package dev.lightbox.vision.service;

import dev.lightbox.base.LightboxStartupException;
import dev.lightbox.vision.VisionProperties;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;

/**
 * The remote model, through Spring AI's OpenAI chat model (built here, not auto-configured: without
 * {@code LIGHTBOX_VISION_URL} no client exists and nothing is ever sent). One call sends the prompt and the
 * preview as a {@code data:image/jpeg;base64,…} part, asks for the JSON schema (strict), and returns the
 * answer's text. The SDK retries once (two attempts at most); {@code LIGHTBOX_VISION_TIMEOUT} bounds the whole
 * call, retry and back-off included: past it the call is abandoned and fails.
 */
@Component
class VisionClient {

    /** How often a waiting call looks whether its job was cancelled. */
    static final Duration CANCEL_CHECK = Duration.ofSeconds(1);

    private final @Nullable OpenAiChatModel chat;
    private final @Nullable String model;
    private final Duration timeout;
    private final Object warming = new Object();
    private volatile boolean warm;
    private final ExecutorService calls = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("vision-call-", 0).factory());

    VisionClient(VisionProperties properties) {
        String problem = properties.problem();
        if (problem != null) {
            throw new LightboxStartupException(problem, "Set LIGHTBOX_VISION_MODEL (and LIGHTBOX_VISION_URL to the server's /v1 base URL), or unset LIGHTBOX_VISION_URL to turn the vision provider off.");
        }
        this.timeout = properties.timeout();
        if (!properties.enabled()) {
            this.chat = null;
            this.model = null;
            return;
        }
        this.model = properties.requireModel();
        String apiKey = properties.apiKey();
        var options = OpenAiChatOptions.builder()
                .baseUrl(properties.requireUrl())
                // empty: Spring AI's no-auth mode (no Authorization header), never the OPENAI_API_KEY of the environment
                .apiKey(apiKey == null ? "" : apiKey)
                .model(model)
                .timeout(properties.timeout().dividedBy(2)) // per attempt: the SDK's one retry must fit in the whole budget
                .maxRetries(1)
                .temperature(0.2)
                .responseFormat(OpenAiChatModel.ResponseFormat.builder().jsonSchema(VisionAnswer.SCHEMA).strict(true).build())
                .build();
        this.chat = OpenAiChatModel.builder().options(options).build();
    }

    /**
     * Loads and initialises what the first call would (the SDK's JSON mapper with its Kotlin module, the request
     * and response model classes, the Media conversion): seconds on a busy machine, which would otherwise come out
     * of the first describe's {@code LIGHTBOX_VISION_TIMEOUT}. Nothing is sent. Run once after startup, off the main
     * thread; a describe that comes earlier waits for it (or does it) before its deadline starts.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void warmUpInBackground() {
        if (chat != null) Thread.ofVirtual().name("vision-warm-up").start(this::warmUp);
    }

    void warmUp() {
        if (warm) return;
        synchronized (warming) {
            if (warm) return;
            initialise();
            warm = true;
        }
    }

    private void initialise() {
        try {
            var mapper = com.openai.core.ObjectMappers.jsonMapper();
            var completion = mapper.readValue(SAMPLE_COMPLETION, com.openai.models.chat.completions.ChatCompletion.class);
            completion.choices().forEach(choice -> choice.message().content());
            var params = com.openai.models.chat.completions.ChatCompletionCreateParams.builder().model(model())
                    .addUserMessageOfArrayOfContentParts(java.util.List.of(
                            com.openai.models.chat.completions.ChatCompletionContentPart.ofText(
                                    com.openai.models.chat.completions.ChatCompletionContentPartText.builder().text("warm-up").build()),
                            com.openai.models.chat.completions.ChatCompletionContentPart.ofImageUrl(
                                    com.openai.models.chat.completions.ChatCompletionContentPartImage.builder().imageUrl(
                                            com.openai.models.chat.completions.ChatCompletionContentPartImage.ImageUrl.builder()
                                                    .url("data:image/jpeg;base64,/9j/").build()).build())))
                    .build();
            mapper.writeValueAsString(params._body());
        } catch (Exception | LinkageError e) {
            org.slf4j.LoggerFactory.getLogger(VisionClient.class).debug("Vision client warm-up: {}", e.toString());
        }
    }

    private static final String SAMPLE_COMPLETION = """
            {"id":"warm-up","object":"chat.completion","created":0,"model":"m","choices":[{"index":0,"message":{"role":"assistant",
            "content":"{}","refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""";

    boolean enabled() {
        return chat != null;
    }

    String model() {
        if (model == null) throw new IllegalStateException("No vision provider is configured (LIGHTBOX_VISION_URL is unset).");
        return model;
    }

    /** The call failed, timed out, or answered nothing; the message says which (no answer text, no key). */
    static final class CallFailed extends Exception {
        CallFailed(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }

    /** Something that may interrupt a wait: the job's cancel check. */
    interface Waiting {
        void stillWanted();
    }

    /** Asks about one preview JPEG; returns the answer's text. */
    String describe(byte[] jpeg, Waiting waiting) throws CallFailed {
        OpenAiChatModel client = chat;
        if (client == null) throw new IllegalStateException("No vision provider is configured (LIGHTBOX_VISION_URL is unset).");
        var message = UserMessage.builder().text(VisionAnswer.PROMPT)
                .media(Media.builder().mimeType(MimeTypeUtils.IMAGE_JPEG).data(jpeg).build()).build();
        warmUp();
        Future<ChatResponse> call = calls.submit(() -> client.call(new Prompt(message)));
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new TimeoutException();
                try {
                    return text(call.get(Math.min(left, CANCEL_CHECK.toNanos()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException slice) {
                    waiting.stillWanted();
                }
            }
        } catch (TimeoutException e) {
            throw new CallFailed("The vision model did not answer within " + timeout.toSeconds() + " s (LIGHTBOX_VISION_TIMEOUT).", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new CallFailed("The vision model call failed: " + summary(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed("Interrupted while waiting for the vision model.", e);
        } catch (CancellationException e) {
            throw new CallFailed("The vision model call was cancelled.", e);
        } finally {
            call.cancel(true); // no-op when it finished; otherwise the abandoned call stops at its own per-attempt timeout
        }
    }

    private static String text(ChatResponse response) throws CallFailed {
        var result = response.getResult();
        String text = result == null ? null : result.getOutput().getText();
        if (text == null || text.isBlank()) throw new CallFailed("The vision model answered with no text.", null);
        return text;
    }

    /** The exception's class and first line, without anything the server echoed at length. */
    private static String summary(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("");
        if (message.length() > 200) message = message.substring(0, 200) + "…";
        return t.getClass().getSimpleName() + (message.isEmpty() ? "" : " (" + message + ")");
    }

    @PreDestroy
    void stop() {
        calls.shutdownNow();
    }
}
