package dev.lightbox.coach.service;

import dev.lightbox.coach.domain.CoachRepository;
import dev.lightbox.skin.service.SkinDiaryService;
import dev.lightbox.skin.service.SkinMetric;
import dev.lightbox.skin.service.SkinTrend;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Answers a question about the caller's own data: through the language model when one is configured ({@link CoachLlm}),
 * else, or when it fails, through the deterministic rules ({@link QuestionParser} and the {@link CoachTools}). An answer
 * from the rules cites the numbers the tools computed; a question the rules cannot map is answered with what the coach
 * can answer and examples, never with an error.
 */
@Service
public class CoachService {

    public static final int MAX_QUESTION = 500;
    private static final Logger log = LoggerFactory.getLogger(CoachService.class);

    private final QuestionParser parser;
    private final CoachTools tools;
    private final ObjectProvider<CoachLlm> llm;
    private final CoachRepository repository;
    private final SkinDiaryService skin;
    private final DatePhrases dates;

    CoachService(QuestionParser parser, CoachTools tools, ObjectProvider<CoachLlm> llm, CoachRepository repository, SkinDiaryService skin,
                 DatePhrases dates) {
        this.parser = parser;
        this.tools = tools;
        this.llm = llm;
        this.repository = repository;
        this.skin = skin;
        this.dates = dates;
    }

    /** The REST path. @throws IllegalArgumentException for a blank question or one over {@link #MAX_QUESTION} characters */
    public CoachAnswer ask(UUID userId, String question) {
        return ask(userId, question, text -> { }, () -> false);
    }

    /** The page's path: the model's text streams to {@code tokens}; a rules answer arrives there once, whole. */
    public CoachAnswer ask(UUID userId, String question, Consumer<String> tokens, BooleanSupplier cancelled) {
        String q = check(question);
        CoachLlm model = llm.getIfAvailable();
        if (model != null) {
            try {
                return model.answer(userId, q, tokens, cancelled);
            } catch (CoachLlmException e) {
                if (cancelled.getAsBoolean()) return CANCELLED;
                log.info("The coach's language model did not answer: {}", e.getMessage());
                return fallback(userId, q, String.valueOf(e.getMessage()), tokens);
            } catch (RuntimeException e) {
                if (cancelled.getAsBoolean()) return CANCELLED;
                // a bug in the model client or a tool: the class only (its message may quote the question)
                log.warn("The coach's language model path failed: {}", e.getClass().getSimpleName());
                return fallback(userId, q, "it failed with " + e.getClass().getSimpleName(), tokens);
            }
        }
        CoachAnswer answer = rules(userId, q);
        tokens.accept(answer.answer());
        return answer;
    }

    /** The answer to a question the user cancelled while the model worked: no rules answer in its place. */
    public static final CoachAnswer CANCELLED = new CoachAnswer("Cancelled.", "cancelled", List.of(), List.of(), null, CoachSource.RULES, List.of());

    private CoachAnswer fallback(UUID userId, String question, String reason, Consumer<String> tokens) {
        CoachAnswer rules = rules(userId, question);
        CoachAnswer fallback = new CoachAnswer("The language model did not answer (" + reason
                + "), so this answer comes from the built-in rules. " + rules.answer(), rules.intent(), rules.facts(), rules.photos(),
                rules.chart(), CoachSource.RULES, rules.functions());
        tokens.accept(fallback.answer());
        return fallback;
    }

    private static String check(String question) {
        if (question == null || question.isBlank()) throw new IllegalArgumentException("question: ask something, e.g. “" + QuestionParser.EXAMPLES.getFirst() + "”.");
        String q = question.strip();
        if (q.length() > MAX_QUESTION) throw new IllegalArgumentException("question: at most " + MAX_QUESTION + " characters.");
        return q;
    }

    /** The deterministic answer. */
    public CoachAnswer rules(UUID userId, String question) {
        QuestionParser.Parsed parsed = parser.parse(check(question));
        String name = parsed.tool();
        Record input = parsed.input();
        if (name == null || input == null) return help(parsed.note());
        ToolResult result;
        try {
            result = tools.run(userId, tool(name, input), input);
        } catch (IllegalArgumentException e) {
            return help(e.getMessage());
        }
        return new CoachAnswer(result.summary(), parsed.intent(), result.facts(), result.photos(), result.chart(), CoachSource.RULES,
                List.of(name));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private CoachTool tool(String name, Record input) {
        return tools.tool(name, (Class) input.getClass());
    }

    /** What the coach can answer, with examples (as facts too). */
    static CoachAnswer help(@org.jspecify.annotations.Nullable String note) {
        String text = (note == null ? "I could not map that question to what I can look up." : "I could not answer that: " + note)
                + " I answer from your own photos and skin diary: how many photos in a period (with a label or camera), your sharpest, "
                + "darkest, brightest, blurriest, most colourful or best photos, how an attribute, your score or a skin metric changed "
                + "over time, comparisons by camera, lens, label, hour or month, your strengths and weaknesses, and what is running. "
                + "For example: " + String.join(" · ", QuestionParser.EXAMPLES);
        return new CoachAnswer(text, "help", QuestionParser.EXAMPLES.stream().map(e -> new Fact("example", e)).toList(), List.of(), null,
                CoachSource.RULES, List.of());
    }

    /** 4 to 8 questions that have answers for this user's data (each checked against what they have). */
    public List<String> suggestions(UUID userId) {
        var out = new ArrayList<String>();
        CoachRepository.Count all = repository.count(userId, CoachRepository.Filter.ALL);
        if (all.photos() > 0 && all.last() != null) {
            LocalDate last = all.last().toLocalDate();
            LocalDate today = dates.today();
            out.add(last.getYear() == today.getYear() ? "How many photos did I take this year?" : "How many photos did I take in " + last.getYear() + "?");
            if (repository.measured(userId, CoachRepository.Measure.attribute("sharpness")) > 0) {
                out.add("Which is my sharpest photo?");
                out.add("Show my darkest photos");
                out.add("How has my sharpness changed?");
            }
            if (repository.cameras(userId).size() > 1) out.add("Compare sharpness by camera");
            if (repository.measured(userId, CoachRepository.Measure.SCORE) > 0) out.add("What are my strengths and weaknesses?");
        }
        SkinTrend redness = skin.trend(userId, SkinMetric.REDNESS, null, null, null);
        if (!redness.points().isEmpty()) {
            Month first = redness.points().getFirst().takenAt().getMonth();
            int year = redness.points().getFirst().takenAt().getYear();
            out.add("How is my redness since " + first.getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + year + "?");
        }
        out.add("What is running?");
        if (out.size() < 4) {
            for (String generic : List.of("How many photos did I take this year?", "How many photos did I take last month?",
                    "What are my strengths and weaknesses?")) {
                if (out.size() < 4 && !out.contains(generic)) out.add(generic);
            }
        }
        return List.copyOf(out.subList(0, Math.min(8, out.size())));
    }
}
