package dev.lightbox.coach.service;

import java.util.UUID;

/**
 * One typed, read-only query function over the caller's own data. {@code I} is a record whose components are the
 * tool's arguments (the JSON schema a language model sees is derived from it; document each component). The user is
 * never an argument: it is passed by the caller from the authenticated session, so no input can reach another user's
 * data.
 */
public interface CoachTool<I extends Record> {

    /** snake_case, stable: it appears in answers ("functions") and is the tool name a model calls. */
    String name();

    /** What it answers, for people and for the model's tool list. */
    String description();

    Class<I> input();

    ToolResult run(UUID userId, I input);
}
