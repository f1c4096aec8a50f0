package dev.lightbox.coach.service;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The deterministic reading of a question: an intent (count, top, trend, compare, profile, skin, jobs, or help when
 * nothing fits), the tool and its typed input, from intent templates, synonyms of attributes and skin metrics
 * ({@link Metric}), filters (a label: "with label X", "of cats"; a camera: "with my X"; "with faces") and a period in
 * plain words ({@link DatePhrases}). Never throws for what people type: what it cannot map is "help".
 */
@Component
public class QuestionParser {

    /** {@code tool} and {@code input} are null for help; {@code note} says why a question was not understood. */
    public record Parsed(String intent, @Nullable String tool, @Nullable Record input, @Nullable String note) {
        static Parsed help(@Nullable String note) {
            return new Parsed("help", null, null, note);
        }
    }

    public static final List<String> EXAMPLES = List.of(
            "How many photos did I take last month?",
            "Which is my sharpest photo this year?",
            "Show my darkest photos with faces",
            "How has my sharpness changed in 2025?",
            "Compare brightness by camera",
            "What are my strengths and weaknesses?",
            "How is my redness since May?",
            "What is running?");

    private static final Pattern JOBS = Pattern.compile("\\b(running|queued|queue|jobs?|training|trained|status)\\b");
    private static final Pattern PROFILE = Pattern.compile("\\b(strengths?|weakness(es)?|profile|good at|bad at|what should i improve)\\b");
    private static final Pattern GROUP = Pattern.compile("\\b(camera|lens|label|hour|time of day|month)s?\\b");
    private static final Pattern COMPARE = Pattern.compile("\\b(compare|comparison|which|what)\\b");
    private static final Pattern BY_GROUP = Pattern.compile("\\b(by|per|across|between) (camera|lens|label|hour|time of day|month)s?\\b");
    private static final Pattern TREND = Pattern.compile("\\b(changed?|changing|trend|trends|over time|evolv\\w*|improv\\w*|progress\\w*|develop\\w*"
            + "|getting (better|worse)|going)\\b|\\bhow (has|have|did|is|are)\\b");
    private static final Pattern COUNT = Pattern.compile("\\bhow many\\b|\\bnumber of\\b|\\bcount\\b");
    private static final Pattern BUCKET = Pattern.compile("\\b(?:(?:by|per|each) (day|week|month)|(daily|weekly|monthly))\\b");
    private static final Pattern LIMIT = Pattern.compile("\\btop (\\d{1,3})\\b|\\b(\\d{1,2}) (?:best|worst|sharpest|blurriest|darkest|brightest)\\b");
    private static final Pattern FACES = Pattern.compile("\\b(with(?:out)?) (?:a |any )?(?:faces?|people|persons?)\\b|\\bportraits?\\b");
    private static final Pattern LABEL = Pattern.compile(
            "\\b(?:with (?:the )?label|labell?ed|tagged(?: as)?) (?:\"([^\"]{1,40})\"|“([^”]{1,40})”|([\\p{L}\\p{N}_-]{1,40}))");
    private static final Pattern OF = Pattern.compile("\\b(?:photos?|pictures?|shots?|images?) of (?:my |the )?([\\p{L}][\\p{L}\\p{N}_-]{0,39})");
    private static final Pattern CAMERA = Pattern.compile("\\b(?:taken |shot )?(?:with|on|using|from) (?:my|the|a|an) ([\\p{L}\\p{N}][\\p{L}\\p{N} .+-]{1,39}?)"
            + "(?= with | in | since | between | from | taken | on | and | or |$)");
    private static final Set<String> NOT_LABELS = Set.of("me", "mine", "all", "them", "it", "this", "that", "last", "my", "the", "these", "those");
    private static final Set<String> GENERIC_CAMERAS = Set.of("camera", "phone", "cameras", "photos", "pictures", "library");
    /** Words that pick which end of the metric comes first. */
    private static final Map<String, String> ORDER_WORDS = Map.ofEntries(
            Map.entry("blurry", "lowest"), Map.entry("blurriest", "lowest"), Map.entry("blurred", "lowest"), Map.entry("blurrier", "lowest"),
            Map.entry("blur", "lowest"), Map.entry("soft", "lowest"),
            Map.entry("dark", "lowest"), Map.entry("darker", "lowest"), Map.entry("darkest", "lowest"),
            Map.entry("bright", "highest"), Map.entry("brighter", "highest"), Map.entry("brightest", "highest"),
            Map.entry("sharp", "highest"), Map.entry("sharpest", "highest"), Map.entry("sharper", "highest"), Map.entry("crisp", "highest"),
            Map.entry("colourful", "highest"), Map.entry("colorful", "highest"), Map.entry("vivid", "highest"), Map.entry("saturated", "highest"),
            Map.entry("noisy", "highest"), Map.entry("grainy", "highest"), Map.entry("tilted", "worst"), Map.entry("crooked", "worst"),
            Map.entry("best", "best"), Map.entry("good", "best"), Map.entry("worst", "worst"), Map.entry("bad", "worst"),
            Map.entry("highest", "highest"), Map.entry("most", "highest"), Map.entry("lowest", "lowest"), Map.entry("least", "lowest"));

    private final DatePhrases dates;

    public QuestionParser(DatePhrases dates) {
        this.dates = dates;
    }

    public Parsed parse(String question) {
        String q = " " + question.toLowerCase(Locale.ROOT).replaceAll("[?!,;:.](\\s|$)", " ").replaceAll("\\s+", " ").strip() + " ";
        DateRange range = DateRange.ALL;
        try {
            Optional<DatePhrases.Found> found = dates.find(q);
            if (found.isPresent()) {
                range = found.get().range();
                q = q.replace(found.get().phrase(), " ");
            }
        } catch (IllegalArgumentException e) {
            return Parsed.help(e.getMessage());
        }
        q = q.replaceAll("\\s+", " ").strip();

        if (PROFILE.matcher(q).find()) return new Parsed("profile", "profile", new ProfileTool.Input(), null);

        Boolean faces = null;
        Matcher m = FACES.matcher(q);
        if (m.find()) {
            faces = m.group(1) == null || m.group(1).equals("with");
            q = remove(q, m);
        }
        String label = null;
        if ((m = LABEL.matcher(q)).find()) {
            label = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            q = remove(q, m);
        }
        String camera = null;
        if ((m = CAMERA.matcher(q)).find() && !GENERIC_CAMERAS.contains(m.group(1).strip())) {
            camera = m.group(1).strip();
            q = remove(q, m);
        }

        String metricWord = null;
        Metric metric = null;
        String order = null;
        for (String word : q.split("[^\\p{L}\\p{N}]+")) {
            if (word.isEmpty()) continue;
            if (order == null && ORDER_WORDS.containsKey(word)) order = ORDER_WORDS.get(word);
            if (metric == null && !word.equals("most") && !word.equals("least") && !word.equals("highest") && !word.equals("lowest")) {
                Optional<Metric> found = Metric.of(word);
                if (found.isPresent()) {
                    metric = found.get();
                    metricWord = word;
                }
            }
        }
        if (metric != null && metric.kind() == Metric.Kind.SCORE && !Set.of("score", "scores", "scored", "quality", "rating").contains(metricWord)) {
            // "best"/"worst" alone mean the score only when no attribute is named
            for (String word : q.split("[^\\p{L}\\p{N}]+")) {
                Optional<Metric> other = word.isEmpty() || ORDER_WORDS.containsKey(word) ? Optional.empty() : Metric.of(word);
                if (other.isPresent() && other.get().kind() != Metric.Kind.SCORE) {
                    metric = other.get();
                    break;
                }
            }
        }
        if (label == null && (m = OF.matcher(q)).find() && !NOT_LABELS.contains(m.group(1)) && Metric.of(m.group(1)).isEmpty()) {
            label = m.group(1);
        }

        if (metric != null && metric.isSkin()) {
            return new Parsed("skin", "skin_change", new SkinChangeTool.Input(metric.key(), range.from(), range.to()), null);
        }
        boolean compareWord = COMPARE.matcher(q).find();
        Matcher group = GROUP.matcher(q);
        Matcher byGroup = BY_GROUP.matcher(q);
        if (compareWord && group.find() && (q.contains("compare") || q.matches(".*\\b(which|what) (camera|lens|label|hour|time of day|month)s?\\b.*"))) {
            return compare(metric, group.group(1), range);
        }
        if (TREND.matcher(q).find() && metric != null && !COUNT.matcher(q).find()) {
            Matcher b = BUCKET.matcher(q);
            String bucket = null;
            if (b.find()) bucket = b.group(1) != null ? b.group(1) : switch (b.group(2)) {
                case "daily" -> "day";
                case "weekly" -> "week";
                default -> "month";
            };
            return new Parsed("trend", "trend", new TrendTool.Input(metric.key(), range.from(), range.to(), bucket), null);
        }
        if (byGroup.find()) return compare(metric, byGroup.group(2), range);
        if (JOBS.matcher(q).find() && metric == null) return new Parsed("jobs", "job_status", new JobStatusTool.Input(), null);
        if (COUNT.matcher(q).find() && (metric == null || q.contains("photo") || q.contains("picture"))) {
            return new Parsed("count", "count_photos", new CountPhotosTool.Input(range.from(), range.to(), label, camera), null);
        }
        if (metric != null || faces != null && q.matches(".*\\b(photos?|pictures?)\\b.*")) {
            if (metric == null) metric = Metric.SCORE;
            Integer limit = limit(q);
            return new Parsed("top", "top_photos", new TopPhotosTool.Input(metric.key(), order == null ? "best" : order, range.from(), range.to(),
                    label, camera, faces, limit), null);
        }
        return Parsed.help(null);
    }

    private static Parsed compare(@Nullable Metric metric, String group, DateRange range) {
        String by = group.equals("time of day") ? "hour" : group;
        return new Parsed("compare", "compare", new CompareTool.Input(metric == null ? "score" : metric.key(), by, range.from(), range.to()), null);
    }

    /** "top 5" / "5 sharpest": that many; "the sharpest photo" (singular): 1; otherwise every match up to 50. */
    private static int limit(String q) {
        Matcher m = LIMIT.matcher(q);
        if (m.find()) {
            int n = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
            return Math.clamp(n, 1, CoachAnswer.MAX_PHOTOS);
        }
        boolean singular = q.matches(".*\\b(photo|picture|shot|image|one)\\b.*") && !q.matches(".*\\b(photos|pictures|shots|images|ones)\\b.*");
        return singular ? 1 : CoachAnswer.MAX_PHOTOS;
    }

    private static String remove(String q, Matcher m) {
        return (q.substring(0, m.start()) + " " + q.substring(m.end())).replaceAll("\\s+", " ").strip();
    }
}
