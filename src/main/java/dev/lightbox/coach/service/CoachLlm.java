package dev.lightbox.coach.service;

import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The optional language-model path: answers a question by calling the {@link CoachTool}s, streaming the answer's text
 * as it arrives. Present only when {@code LIGHTBOX_COACH_LLM_URL} is set. Throws {@link CoachLlmException} on a
 * timeout, a tool error or an unreachable server: the coach then answers from its rules and says so.
 */
public interface CoachLlm {

    /** @param tokens receives each piece of the answer's text as the model streams it
     *  @param cancelled polled while waiting; when it turns true the call stops with a CoachLlmException */
    CoachAnswer answer(UUID userId, String question, Consumer<String> tokens, BooleanSupplier cancelled);
}
