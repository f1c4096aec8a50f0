package dev.lightbox.coach.service;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where an answer came from: the deterministic rules, or a language model calling the tools. JSON: "rules" | "llm". */
public enum CoachSource {
    RULES, LLM;

    @JsonValue
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
