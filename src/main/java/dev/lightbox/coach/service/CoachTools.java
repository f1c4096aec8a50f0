package dev.lightbox.coach.service;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every coach tool (each a Spring bean), by name. {@link #call} runs one from a model's JSON arguments (at most
 * {@link #MAX_ARGS_BYTES}, parsed into the tool's input record, unknown fields refused); the user always comes from the
 * caller, never from the arguments.
 */
@Service
public class CoachTools {

    public static final int MAX_ARGS_BYTES = 4096;

    private final Map<String, CoachTool<?>> tools = new LinkedHashMap<>();
    private final JsonMapper json;

    CoachTools(List<CoachTool<?>> tools, JsonMapper json) {
        tools.forEach(t -> {
            if (this.tools.put(t.name(), t) != null) throw new IllegalStateException("Two coach tools named " + t.name());
        });
        this.json = json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    public List<CoachTool<?>> all() {
        return List.copyOf(tools.values());
    }

    /**
     * Runs tool {@code name} for {@code user} with {@code jsonArgs} (a JSON object; blank is {}).
     * @throws IllegalArgumentException for an unknown tool, arguments too long or not matching its input, or values it refuses
     */
    public ToolResult call(UUID user, String name, @Nullable String jsonArgs) {
        CoachTool<?> tool = tools.get(name);
        if (tool == null) throw new IllegalArgumentException("Unknown tool “" + name + "”: one of " + String.join(", ", tools.keySet()) + ".");
        String args = jsonArgs == null || jsonArgs.isBlank() ? "{}" : jsonArgs;
        if (args.length() > MAX_ARGS_BYTES || args.getBytes(StandardCharsets.UTF_8).length > MAX_ARGS_BYTES) {
            throw new IllegalArgumentException("The arguments of " + name + " are longer than " + MAX_ARGS_BYTES + " bytes.");
        }
        return run(user, tool, args);
    }

    private <I extends Record> ToolResult run(UUID user, CoachTool<I> tool, String args) {
        I input;
        try {
            input = json.readValue(args, tool.input());
        } catch (JacksonException e) {
            throw new IllegalArgumentException("The arguments of " + tool.name() + " do not fit its input: " + e.getOriginalMessage(), e);
        }
        if (input == null) throw new IllegalArgumentException("The arguments of " + tool.name() + " must be a JSON object.");
        return tool.run(user, input);
    }

    /** Runs a tool with an input already typed (the rules' path). */
    public <I extends Record> ToolResult run(UUID user, CoachTool<I> tool, I input) {
        return tool.run(user, input);
    }

    /** The tool of that name and input type (the rules' path). */
    @SuppressWarnings("unchecked")
    <I extends Record> CoachTool<I> tool(String name, Class<I> input) {
        CoachTool<?> tool = tools.get(name);
        if (tool == null || tool.input() != input) throw new IllegalStateException("No coach tool " + name);
        return (CoachTool<I>) tool;
    }
}
