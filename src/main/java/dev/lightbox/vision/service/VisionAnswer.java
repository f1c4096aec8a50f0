package dev.lightbox.vision.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the model must answer, the JSON schema it is asked for, and the check of what it did answer: several
 * OpenAI-compatible servers ignore {@code response_format}, so the answer is validated here, whatever came back.
 * Sizes are bounded; text is trimmed and stripped of control characters; tags are lower-cased and deduplicated.
 */
record VisionAnswer(String caption, List<String> subjects, String setting, String mood, List<String> tags, int aesthetic) {

    static final int MAX_CAPTION = 500;
    static final int MAX_SHORT = 200;
    static final int MAX_ITEMS = 20;
    static final int MAX_ITEM = 40;
    /** Longer answers are refused unread: a describe answer is a few hundred bytes. */
    static final int MAX_ANSWER_CHARS = 20_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String PROMPT = """
            Describe this photo for a personal photo library. Answer with one JSON object and nothing else, with exactly these fields:
            "caption": one plain sentence saying what the photo shows (at most 300 characters);
            "subjects": the main subjects, at most 10 short nouns;
            "setting": where it was taken, a few words (e.g. "beach at sunset", "kitchen");
            "mood": the mood in one or two words;
            "tags": up to 15 lower-case keywords someone might search for;
            "aesthetic": an integer from 1 (poor) to 10 (outstanding) rating composition, light and technical quality.""";

    static final String SCHEMA = """
            {"type":"object","additionalProperties":false,
             "required":["caption","subjects","setting","mood","tags","aesthetic"],
             "properties":{
              "caption":{"type":"string"},
              "subjects":{"type":"array","items":{"type":"string"},"maxItems":20},
              "setting":{"type":"string"},
              "mood":{"type":"string"},
              "tags":{"type":"array","items":{"type":"string"},"maxItems":20},
              "aesthetic":{"type":"integer","minimum":1,"maximum":10}}}""";

    /** Why an answer was refused, for the job's error (never the answer itself: it may be long or odd). */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    /**
     * The answer, validated. A JSON object wrapped in a Markdown code fence (some models add one whatever they
     * are told) is unwrapped; anything else that is not exactly the schema is {@link Invalid}.
     */
    static VisionAnswer parse(String text) throws Invalid {
        if (text.length() > MAX_ANSWER_CHARS) throw new Invalid("the answer is " + text.length() + " characters long, not a description");
        String body = unfenced(text.strip());
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new Invalid("the answer is not JSON");
        }
        if (root == null || !root.isObject()) throw new Invalid("the answer is not a JSON object");
        String caption = text(root, "caption", MAX_CAPTION);
        if (caption.isEmpty()) throw new Invalid("caption: empty");
        List<String> subjects = list(root, "subjects", false);
        String setting = text(root, "setting", MAX_SHORT);
        String mood = text(root, "mood", MAX_SHORT);
        List<String> tags = list(root, "tags", true);
        JsonNode mark = root.get("aesthetic");
        if (mark == null || !mark.isNumber() || !mark.canConvertToInt()) throw new Invalid("aesthetic: not an integer");
        double value = mark.asDouble();
        if (value != Math.rint(value) || value < 1 || value > 10) throw new Invalid("aesthetic: not an integer from 1 to 10");
        return new VisionAnswer(caption, subjects, setting, mood, tags, (int) value);
    }

    private static String unfenced(String text) {
        if (!text.startsWith("```")) return text;
        int start = text.indexOf('\n');
        int end = text.lastIndexOf("```");
        return start < 0 || end <= start ? text : text.substring(start + 1, end).strip();
    }

    private static String text(JsonNode root, String field, int max) throws Invalid {
        JsonNode node = root.get(field);
        if (node == null || !node.isString()) throw new Invalid(field + ": not a string");
        String clean = clean(node.asString());
        if (clean.length() > max) throw new Invalid(field + ": longer than " + max + " characters");
        return clean;
    }

    private static List<String> list(JsonNode root, String field, boolean lowerCase) throws Invalid {
        JsonNode node = root.get(field);
        if (node == null || !node.isArray()) throw new Invalid(field + ": not a list");
        if (node.size() > MAX_ITEMS) throw new Invalid(field + ": more than " + MAX_ITEMS + " items");
        var items = new LinkedHashSet<String>();
        for (JsonNode item : node) {
            if (!item.isString()) throw new Invalid(field + ": an item is not a string");
            String clean = clean(item.asString());
            if (clean.length() > MAX_ITEM) throw new Invalid(field + ": an item is longer than " + MAX_ITEM + " characters");
            if (!clean.isEmpty()) items.add(lowerCase ? clean.toLowerCase(java.util.Locale.ROOT) : clean);
        }
        return List.copyOf(new ArrayList<>(items));
    }

    /** Control characters become spaces, runs of white space one space. */
    private static String clean(String text) {
        return text.replaceAll("\\p{Cntrl}", " ").replaceAll("\\s+", " ").strip();
    }
}
